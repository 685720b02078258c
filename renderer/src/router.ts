// Hash routes: the same build works from http:// (certdesk serve) and from Electron's custom protocol.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'candidates' }
  | { page: 'candidate'; id: number }
  | { page: 'sessions' }
  | { page: 'session'; id: number }
  | { page: 'results'; id: number }
  | { page: 'certificates' }
  | { page: 'reports' }
  | { page: 'training' }
  | { page: 'trainingClass'; id: number }
  | { page: 'members' }
  | { page: 'competitions' }
  | { page: 'competition'; id: number }
  | { page: 'settings' }
  | { page: 'welcome' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second, third] = parts;
  const id = Number(second);
  switch (first) {
    case 'candidates':
      if (Number.isInteger(id) && id > 0) return { page: 'candidate', id };
      return { page: first };
    case 'certificates':
    case 'reports':
    case 'settings':
    case 'welcome':
      return { page: first };
    case 'training':
      if (Number.isInteger(id) && id > 0) return { page: 'trainingClass', id };
      return { page: 'training' };
    case 'members':
      return { page: 'members' };
    case 'competitions':
      if (Number.isInteger(id) && id > 0) return { page: 'competition', id };
      return { page: 'competitions' };
    case 'sessions':
      if (Number.isInteger(id) && id > 0) return third === 'results' ? { page: 'results', id } : { page: 'session', id };
      return { page: 'sessions' };
    default:
      return { page: 'home' };
  }
}

export function routeHash(r: Route): string {
  switch (r.page) {
    case 'home':
      return '#/';
    case 'candidate':
      return `#/candidates/${r.id}`;
    case 'session':
      return `#/sessions/${r.id}`;
    case 'results':
      return `#/sessions/${r.id}/results`;
    case 'trainingClass':
      return `#/training/${r.id}`;
    case 'competition':
      return `#/competitions/${r.id}`;
    default:
      return `#/${r.page}`;
  }
}

export function navigate(r: Route): void {
  window.location.hash = routeHash(r);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
