import sharp from "sharp";
import { encode } from "blurhash";
import { unprocessable } from "../lib/errors.ts";

export const IMAGE_SIZE_LIMIT = 16 * 1024 * 1024;
export const IMAGE_PIXEL_LIMIT = 33_177_600;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "gif", "webp", "avif", "heif"]);

export interface ProcessedImage {
  file: Buffer;
  thumbnail: Buffer;
  blurhash: string;
  meta: { original: Dimensions; small: Dimensions };
}

interface Dimensions {
  width: number;
  height: number;
  size: string;
  aspect: number;
}

/** Refuses, from the bytes alone (never the name or declared type), what is not an image we accept. Reads the header only. */
export async function checkImage(input: Buffer): Promise<void> {
  if (input.length > IMAGE_SIZE_LIMIT) throw unprocessable("File is too large (16 MB at most)");
  let format: string | undefined;
  let pixels = 0;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata(); // header only: the limit is checked below
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    throw unprocessable("File is not a supported image");
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw unprocessable("File is not a supported image");
  if (pixels > IMAGE_PIXEL_LIMIT) throw unprocessable("Image dimensions are too large");
}

/** Turns a checked upload into a metadata-free WebP of at most 3840×2160, a 640 px thumbnail and a blurhash. */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  await checkImage(input);
  try {
    // sharp drops EXIF (GPS, camera) and other metadata unless asked to keep it.
    const oriented = sharp(input, { limitInputPixels: IMAGE_PIXEL_LIMIT }).rotate();
    const file = await oriented.clone().resize({ width: 3840, height: 2160, fit: "inside", withoutEnlargement: true }).webp({ quality: 85 }).toBuffer({ resolveWithObject: true });
    const thumbnail = await oriented.clone().resize({ width: 640, height: 640, fit: "inside", withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
    const tiny = await oriented.clone().resize(32, 32, { fit: "inside" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return {
      file: file.data,
      thumbnail: thumbnail.data,
      blurhash: encode(new Uint8ClampedArray(tiny.data), tiny.info.width, tiny.info.height, 4, 3),
      meta: { original: dimensions(file.info), small: dimensions(thumbnail.info) },
    };
  } catch {
    throw unprocessable("File could not be processed as an image");
  }
}

function dimensions(info: { width: number; height: number }): Dimensions {
  return { width: info.width, height: info.height, size: `${info.width}x${info.height}`, aspect: info.width / info.height };
}
