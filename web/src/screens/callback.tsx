import { useEffect, useRef, useState } from "preact/hooks";
import { finishLogin, type CallbackProblem } from "../auth/oauth.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Link, useNavigation } from "../navigation.tsx";
import { isAppPath } from "../router.ts";
import { useSession } from "../session.tsx";

/** /oauth-callback: redeems the authorization code, then goes where the login started. */
export default function Callback() {
  const { t } = useI18n();
  const { navigate } = useNavigation();
  const { setStore } = useSession();
  const [problem, setProblem] = useState<CallbackProblem | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // The code is single-use: never redeem it twice, even if the effect re-runs.
    if (started.current) return;
    started.current = true;
    void finishLogin(new URLSearchParams(location.search)).then((result) => {
      if ("problem" in result) return setProblem(result.problem);
      setStore(result.store);
      navigate(isAppPath(result.returnTo) ? result.returnTo : "/home", { replace: true });
    });
  }, [navigate, setStore]);

  if (!problem) return <p class="placeholder" role="status">{t("callback.working")}</p>;
  return (
    <div class="problem" role="alert">
      <p>{t(`callback.${problem}`)}</p>
      <Link href="/">{t("callback.back")}</Link>
    </div>
  );
}
