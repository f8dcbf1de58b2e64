/** The report's stylesheet: inline, system fonts only (no web fonts, no url()), colours kept when printed. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{font-family:-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#1f2328;background:#fff;line-height:1.5;-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 8px}
.subtitle{color:#57606a;margin:0 0 12px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{color:#57606a}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:13px;margin:4px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}
tbody th{font-weight:500;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.best{background:#dafbe1;font-weight:700}
tr.on-front td:first-child{font-weight:600}
.star{color:#bf8700}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;line-height:18px}
.badge.pass{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.badge.fail{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
.badge.na{color:#57606a}
tr.failed td{background:#fff5f5}
table.heat td{min-width:64px}
.note{color:#57606a;font-size:12px}
.id{color:#57606a;font-size:11px}
.run-error{color:#a40e26}
figure{margin:0}
figcaption{color:#57606a;font-size:12px}
svg{max-width:100%;height:auto;font-size:12px}
svg .plot{fill:#fff;stroke:#d0d7de}
svg .grid{stroke:#eaeef2}
svg .tick{fill:#57606a;font-size:11px}
svg .axis-title{fill:#1f2328;font-size:12px}
svg .axis-break{stroke:#57606a;fill:none;stroke-width:1.5}
svg .front{fill:none;stroke:#d4701c;stroke-width:2}
svg .point{fill:#6e7781;stroke:#fff;stroke-width:1}
svg .point.pareto{fill:#d4701c;stroke:#7a3c0a;stroke-width:1.5}
svg .label{fill:#1f2328;font-size:12px}
svg .label.pareto{font-weight:700}
svg .legend-text{font-size:12px;fill:#1f2328}
footer{margin-top:32px;color:#57606a;font-size:12px;border-top:1px solid #d0d7de;padding-top:8px}
@page{margin:12mm}
@media print{body{margin:0;max-width:none;padding:0}.table-wrap{overflow:visible}table{font-size:11px}figure,.safety-model,h2{break-inside:avoid}h2{break-after:avoid}}
`;
