/**
 * Errors that carry an HTTP status and a Mastodon-style message. Domain code throws these;
 * the app maps them to `{ "error": message }` responses in one place (src/app.ts).
 */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503;
  readonly description: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: ApiError["status"], message: string, options: { description?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.status = status;
    this.description = options.description;
    this.details = options.details;
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const unauthorized = (message = "The access token is invalid") => new ApiError(401, message);
export const forbidden = (message = "This action is not allowed") => new ApiError(403, message);
export const notFound = (message = "Record not found") => new ApiError(404, message);
export const gone = (message = "Gone") => new ApiError(410, message);
export const unprocessable = (message: string, details?: Record<string, unknown>) =>
  new ApiError(422, `Validation failed: ${message}`, details ? { details } : {});
export const tooManyRequests = () => new ApiError(429, "Too many requests");
export const unavailable = (message = "Service unavailable") => new ApiError(503, message);
