import { parseNote, type Inline } from '../../report/note-markup';

function Inlines({ inlines }: { inlines: readonly Inline[] }) {
  return (
    <>
      {inlines.map((i, k) =>
        i.kind === 'strong' ? (
          <strong key={k}>{i.text}</strong>
        ) : i.kind === 'em' ? (
          <em key={k}>{i.text}</em>
        ) : i.kind === 'code' ? (
          <code key={k}>{i.text}</code>
        ) : (
          <span key={k}>{i.text}</span>
        ),
      )}
    </>
  );
}

/** A report note drawn from its parsed form: text stays text. */
export function NoteView({ text }: { text: string }) {
  return (
    <div className="report-note-text">
      {parseNote(text).map((b, k) =>
        b.kind === 'heading' ? (
          <h3 key={k}>
            <Inlines inlines={b.inlines} />
          </h3>
        ) : b.kind === 'list' ? (
          <ul key={k}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines inlines={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={k}>
            {b.lines.map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                <Inlines inlines={line} />
              </span>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
