// One help page: the current area's topic, the shortcuts, and the other areas folded away.
// Plain elements only, so it renders anywhere (the drawer, a test, a printout).
import { HELP_AREAS, type HelpArea, type HelpBook, type HelpTopic } from './types';

function Topic({ topic }: { topic: HelpTopic }) {
  return (
    <>
      <p className="help-summary">{topic.summary}</p>
      {topic.sections.map((s) => (
        <section key={s.heading}>
          <h4>{s.heading}</h4>
          <ul>
            {s.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function HelpArticle({ book, area }: { book: HelpBook; area: HelpArea }) {
  const topic = book.topics[area];
  return (
    <article className="help-article" data-area={area}>
      <h3>{topic.title}</h3>
      <Topic topic={topic} />
      <h4>{book.ui.shortcuts}</h4>
      <table className="help-shortcuts">
        <tbody>
          {book.shortcuts.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{book.ui.otherTopics}</h4>
      {HELP_AREAS.filter((a) => a !== area).map((a) => (
        <details key={a}>
          <summary>{book.topics[a].title}</summary>
          <Topic topic={book.topics[a]} />
        </details>
      ))}
      <p className="help-manual">{book.ui.manual}</p>
    </article>
  );
}
