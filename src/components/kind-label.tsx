// Tag kinds as words; a kind the API adds later is shown as it comes.
const labels: Record<string, string> = {
  index: 'Index',
  manifest: 'Manifest',
  attestation: 'Attestation',
};

export function kindLabel(kind: string): string {
  return labels[kind] ?? kind;
}

export function KindLabel({ kind }: { kind: string }) {
  return <span data-kind={kind}>{kindLabel(kind)}</span>;
}
