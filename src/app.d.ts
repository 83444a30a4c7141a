// Ambient types for SvelteKit (App namespace).
declare global {
  namespace App {
    interface Locals {
      authenticated: boolean;
    }
  }
}
export {};
