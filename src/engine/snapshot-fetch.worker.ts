import * as Comlink from 'comlink';
import { fetchSnapshot } from './hosted-snapshot';

/** Fetches and gunzips a published snapshot off the page's thread and the engine's (see fetchSnapshot). */
const api = {
  async fetch(url: string) {
    const fetched = await fetchSnapshot(url);
    return fetched.state === 'fetched' ? Comlink.transfer(fetched, [fetched.bytes.buffer]) : fetched;
  },
};

export type SnapshotFetchApi = typeof api;

Comlink.expose(api);
