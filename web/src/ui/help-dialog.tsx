import { Fragment } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/types.ts";

const SHORTCUTS: [string[], MessageKey][] = [
  [["j"], "help.next"], [["k"], "help.previous"], [["n"], "help.compose"],
  [["g", "h"], "help.home"], [["g", "n"], "help.notifications"], [["?"], "help.help"],
];

/** The keyboard help, a native modal dialog (focus stays inside; Escape closes it). */
export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} class="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">{t("help.title")}</h2>
      <p>{t("help.intro")}</p>
      <dl class="shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label}>
            <dt>{keys.map((key, i) => <Fragment key={key}>{i > 0 && ` ${t("help.then")} `}<kbd>{key}</kbd></Fragment>)}</dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="primary" onClick={onClose}>{t("help.close")}</button>
    </dialog>
  );
}
