// Browser edge: zod's default messages in German (the simulator validates scenarios in the browser too).
import { useGermanZodMessages } from '$lib/core/zod-messages';

useGermanZodMessages();
