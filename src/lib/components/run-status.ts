// German labels for a run's stored status (running, completed, …), shared by every page that lists runs;
// `interrupted` is what the run pages show for a run stored as running that no process runs any more.
const LABELS: Record<string, string> = { running: 'läuft', completed: 'fertig', aborted: 'abgebrochen', cancelled: 'gestoppt', failed: 'fehlgeschlagen', interrupted: 'unterbrochen' };

export function runStatusLabel(status: string): string {
  return LABELS[status] ?? status;
}
