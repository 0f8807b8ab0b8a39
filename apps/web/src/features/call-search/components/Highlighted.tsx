import { piecesOf } from './marks';

/** A snippet with its matched words in <mark>; the text is only ever text, never markup. */
export function Highlighted({ text, marks }: { text: string; marks: readonly { start: number; end: number }[] }) {
  let at = 0;
  return (
    <>
      {piecesOf(text, marks).map((p) => {
        const key = at;
        at += p.text.length;
        return p.marked ? (
          <mark key={key} className="rounded-sm bg-amber-200 px-0.5 font-medium text-gray-900">
            {p.text}
          </mark>
        ) : (
          <span key={key}>{p.text}</span>
        );
      })}
    </>
  );
}
