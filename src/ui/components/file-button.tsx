import { useRef, type ReactNode } from 'react';

/**
 * A button of the app's, in the chosen language, that opens the file chooser: the browser's own
 * file control speaks the browser's language ("Choose File"). The chosen file is handed on and
 * the input cleared, so that the same file can be chosen again.
 */
export function FileButton({
  children,
  accept,
  disabled,
  buttonTestId,
  inputTestId,
  onFile,
}: {
  children: ReactNode;
  accept: string;
  disabled?: boolean;
  buttonTestId?: string;
  inputTestId: string;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" disabled={disabled} data-testid={buttonTestId} onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        data-testid={inputTestId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
