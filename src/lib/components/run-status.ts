// German labels for a run's stored status (running, completed, …), shared by every page that lists runs.
const LABELS: Record<string, string> = { running: 'läuft', completed: 'fertig', aborted: 'abgebrochen', cancelled: 'gestoppt', failed: 'fehlgeschlagen' };

export function runStatusLabel(status: string): string {
  return LABELS[status] ?? status;
}
