// German default messages for zod: the UI and the CLI speak German. Each edge calls this once (server
// hooks, CLI entry, browser hooks); schemas that bring their own messages keep them.
import * as z from 'zod';
import { de } from 'zod/locales';

export function useGermanZodMessages(): void {
  z.config(de());
}
