// 帮助 → 关于: the version, the runtime, and what fonts and libraries ship with it under which licences.

export interface LicenceSummary {
  fonts: string[];
  libraries: { name: string; version: string; license: string }[];
}

export interface AboutInfo {
  version: string;
  versions: { electron?: string; chrome?: string; node?: string };
  licences: LicenceSummary | null;
}

/** Libraries grouped by licence, the most common first: "MIT（212）：better-sqlite3、exceljs、…". */
function librariesByLicence(libraries: LicenceSummary['libraries']): string[] {
  const groups = new Map<string, string[]>();
  for (const lib of libraries) groups.set(lib.license, [...(groups.get(lib.license) ?? []), lib.name]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([licence, names]) => {
      const shown = names.slice(0, 8).join('、');
      return `${licence}（${names.length}）：${shown}${names.length > 8 ? '等' : ''}`;
    });
}

export function aboutDetail(info: AboutInfo): string {
  const lines = [
    `版本 ${info.version}`,
    `Electron ${info.versions.electron ?? '—'} · Chromium ${info.versions.chrome ?? '—'} · Node.js ${info.versions.node ?? '—'}`,
    '',
  ];
  if (!info.licences) {
    lines.push('许可证清单没有随本程序构建（请运行 npm run build:electron）。');
    return lines.join('\n');
  }
  lines.push(`随附字体：${info.licences.fonts.length ? info.licences.fonts.join('、') : '无'}`);
  lines.push(`随附程序库 ${info.licences.libraries.length} 个，按许可证：`);
  lines.push(...librariesByLicence(info.licences.libraries));
  lines.push('', '许可证全文见「查看许可证全文」。');
  return lines.join('\n');
}
