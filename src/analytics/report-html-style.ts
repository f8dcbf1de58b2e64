import { REPORT_CSS } from '../eval/report-html-style.js';

/**
 * The usage report's stylesheet: the evaluation report's (system fonts, no url(), colours kept when
 * printed) plus the usage report's cards, charts and clouds.
 */
export const USAGE_REPORT_CSS = `${REPORT_CSS}
.intro{color:#57606a;margin:0 0 8px}
.figure{margin:12px 0 20px}
.figure>h3{margin:8px 0 6px}
h4{font-size:13px;margin:12px 0 4px}
figcaption{margin-top:4px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
.kpi{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px;background:#f6f8fa}
.kpi-label{color:#57606a;font-size:12px}
.kpi-value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
ol.top-three{margin:0;padding-left:24px;font-size:16px}
ol.top-three li{margin:2px 0}
.top-name{font-weight:600}
.top-share{color:#0969da;font-weight:600}
svg .bar{fill:#8cb4e8}
svg .bar.top{fill:#d4701c}
svg .bar-label,svg .bar-value{fill:#1f2328;font-size:12px}
svg .area{fill:#8cb4e8;stroke:#0969da;stroke-width:.8}
svg .line{fill:none;stroke:#0969da;stroke-width:2}
svg .dot{fill:#0969da}
svg .peak{fill:#d4701c;stroke:#fff}
svg .peak-label{fill:#7a3c0a;font-size:12px;font-weight:600}
svg .cell{stroke:none}
.clouds{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:10px}
.cloud{border:1px solid #d0d7de;border-radius:6px;padding:8px 10px}
.cloud-name{font-weight:600;margin-bottom:4px;overflow-wrap:anywhere}
.words{line-height:1.9}
.word{display:inline-block;margin:0 6px 0 0;color:#0550ae;white-space:nowrap}
table.groups th .id{font-weight:400}
table.groups thead th{white-space:normal;vertical-align:bottom}
table.groups tbody th{min-width:120px;max-width:280px}
@page{size:A4}
@media print{.report-section{break-before:auto}.figure{break-inside:avoid}.kpis{grid-template-columns:repeat(5,1fr)}}
`;
