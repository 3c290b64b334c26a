// @atlaskit/tokens keeps its declarations in dist/types, so its dist/esm theme import map has
// none beside it; this is that map's shape (dist/types/artifacts/theme-import-map.d.ts).
declare module '@atlaskit/tokens/dist/esm/artifacts/theme-import-map' {
  const themeImportMap: Record<string, () => Promise<{ default: string }>>;
  export default themeImportMap;
}
