/**
 * Walks a paged call: calls `fetch` with an empty token, yields each page's items, and goes on
 * with `next_page_token` until a page comes back without one.
 */
export async function* paginate<Res extends { nextPageToken: string }, T>(
  fetch: (pageToken: string) => Promise<Res>,
  items: (page: Res) => readonly T[],
): AsyncGenerator<T, void, undefined> {
  let token = "";
  do {
    const page = await fetch(token);
    yield* items(page);
    token = page.nextPageToken;
  } while (token !== "");
}
