import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormGrid, GridCell } from '../../api/types.ts';
import { applyEdit, backupKey, editsForGrid, loadBackup, saveBackup } from './form-edits.ts';
import type { EditField, Edits } from './form-edits.ts';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The grid's unsaved edits, mirrored to localStorage on every change so that a reload, a crash or a closed
 * tab loses nothing; restored when the form is opened again, until they are saved or discarded.
 */
export function useFormEdits(grid: FormGrid, userId: number) {
  const key = backupKey(grid.form.id, userId);
  const [restored] = useState(() => {
    const s = storage();
    const backup = s ? loadBackup(s, key) : null;
    return backup ? { ...backup, edits: editsForGrid(grid, backup.edits) } : null;
  });
  const [edits, setEdits] = useState<Edits>(() => restored?.edits ?? {});
  const editsRef = useRef(edits);
  editsRef.current = edits;

  useEffect(() => {
    const s = storage();
    if (s) saveBackup(s, key, edits);
  }, [key, edits]);

  // Leaving the page with unsaved edits: the browser asks (they also stay in localStorage).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (Object.keys(editsRef.current).length > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const edit = useCallback((indicatorCode: string, cell: GridCell, field: EditField, text: string) => {
    setEdits((current) => applyEdit(current, indicatorCode, cell, field, text));
  }, []);

  /** After a successful save: drop the edits that were sent, unless typed over meanwhile. */
  const settle = useCallback((sent: Edits) => {
    setEdits((current) => {
      const next = { ...current };
      for (const [k, e] of Object.entries(sent)) if (next[k] === e) delete next[k];
      return next;
    });
  }, []);

  return { edits, setEdits, edit, settle, restoredCount: restored ? Object.keys(restored.edits).length : 0, restoredAt: restored?.savedAt ?? null };
}
