import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { getJson } from '../../api/client.ts';
import type { PlatformMeta } from '../../api/types.ts';

const MetaContext = createContext<PlatformMeta | null>(null);

/** What the server says about itself (GET /api/meta), fetched once: whether it holds demo data (示例数据). */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<PlatformMeta | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getJson<PlatformMeta>('/meta', undefined, controller.signal).then(
      (m) => setMeta(m),
      () => {
        // Without meta the platform simply shows no demo banner.
      },
    );
    return () => controller.abort();
  }, []);
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

export function useMeta(): PlatformMeta | null {
  return useContext(MetaContext);
}
