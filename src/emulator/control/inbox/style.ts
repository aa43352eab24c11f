// The inbox's stylesheet: light and dark by the system's choice, a table on wide screens, cards on phones.
export const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--surface:#fff;--text:#1b1f24;--muted:#4b5563;--line:#d9dde3;--accent:#14532d;--accent-text:#fff;--link:#14532d;--focus:#2563eb;
--delivered:#bbf7d0;--delivered-text:#14532d;--failed:#fecaca;--failed-text:#7f1d1d;--sent:#bfdbfe;--sent-text:#1e3a8a;--scheduled:#fde68a;--scheduled-text:#713f12;--accepted:#e5e7eb;--accepted-text:#1f2937;--code:#eef0f3;--bubble:#e9e9eb;--bubble-text:#111;--cut:#c2410c}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--surface:#181b22;--text:#e6e8eb;--muted:#aeb6c1;--line:#2e333d;--accent:#0b3d21;--accent-text:#fff;--link:#86efac;--focus:#93c5fd;
--delivered:#14532d;--delivered-text:#dcfce7;--failed:#7f1d1d;--failed-text:#fee2e2;--sent:#1e3a8a;--sent-text:#dbeafe;--scheduled:#713f12;--scheduled-text:#fef3c7;--accepted:#374151;--accepted-text:#f3f4f6;--code:#232833;--bubble:#2c2c2e;--bubble-text:#f5f5f7;--cut:#fdba74}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Bengali","Hind Siliguri",SolaimanLipi,Vrinda,"Nirmala UI",sans-serif}
a{color:var(--link)}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:var(--surface);padding:6px 10px;z-index:9}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:var(--accent);color:var(--accent-text);padding:.5rem 1rem;display:flex;gap:.5rem 1rem;align-items:center;flex-wrap:wrap}
header.top a{color:var(--accent-text)}header.top .brand{font-weight:700;font-size:1.05rem;text-decoration:none;margin-right:.5rem}
header.top nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}header.top nav a[aria-current]{text-decoration-thickness:3px}
.clockbar{margin-left:auto}.clockbar summary{cursor:pointer;list-style:none;white-space:nowrap}.clockbar summary::-webkit-details-marker{display:none}
.clockbar[open] .clockpanel{display:flex}.clockpanel{gap:.35rem;flex-wrap:wrap;margin-top:.4rem}
button,select,input,textarea{font:inherit;color:inherit}
button{cursor:pointer;background:var(--surface);color:var(--text);border:1px solid var(--line);border-radius:6px;padding:.3rem .7rem}
button.primary{background:var(--accent);color:var(--accent-text);border-color:var(--accent)}button.danger{border-color:var(--failed-text);color:var(--failed-text)}
header.top button{background:transparent;color:var(--accent-text);border-color:rgba(255,255,255,.6)}
input,select,textarea{background:var(--surface);border:1px solid var(--line);border-radius:6px;padding:.3rem .5rem}
main{padding:.75rem 1rem;max-width:1400px;margin:0 auto}
h1{font-size:1.3rem;margin:.25rem 0 .5rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding-bottom:.25rem}
.tabs a{white-space:nowrap;text-decoration:none;font-weight:600;padding:.2rem 0}.tabs a[aria-current]{border-bottom:3px solid var(--link)}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0;align-items:center}form.search input[type=search]{flex:1 1 14rem;min-width:0}
.muted{color:var(--muted)}.small{font-size:.85rem}
.summary{margin:.25rem 0 .5rem;display:flex;gap:.5rem 1rem;flex-wrap:wrap;align-items:baseline}
table{border-collapse:collapse;width:100%;background:var(--surface)}
th,td{border-bottom:1px solid var(--line);padding:.4rem .55rem;text-align:left;vertical-align:top}th{font-weight:600;background:var(--code)}
td.text{max-width:32rem;white-space:pre-wrap;overflow-wrap:anywhere}
.chip{display:inline-block;font-size:.78rem;padding:0 .4rem;border-radius:.6rem;background:var(--code);color:var(--text);margin:.1rem .2rem 0 0}
.status{display:inline-block;padding:.05rem .5rem;border-radius:.7rem;font-size:.82rem;font-weight:600;background:var(--accepted);color:var(--accepted-text);white-space:nowrap}
.status.delivered{background:var(--delivered);color:var(--delivered-text)}.status.failed{background:var(--failed);color:var(--failed-text)}
.status.sent{background:var(--sent);color:var(--sent-text)}.status.scheduled{background:var(--scheduled);color:var(--scheduled-text)}
.kind-refusal,.kind-fault{color:var(--failed-text);background:var(--failed)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:var(--code);padding:.5rem;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}
.pager{display:flex;gap:1rem;margin:.75rem 0;align-items:center;flex-wrap:wrap}
.notice{position:fixed;left:1rem;bottom:1rem;margin:0;max-width:calc(100% - 2rem);background:var(--surface);border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;font-weight:600;z-index:5;pointer-events:none}.notice:empty{padding:0;border:0}.notice.bad{color:var(--failed-text)}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem .75rem;background:var(--surface);padding:.75rem;margin:0;border-radius:8px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.detail{display:grid;grid-template-columns:minmax(16rem,22rem) 1fr;gap:1rem;align-items:start}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}
.phone{background:var(--surface);border:1px solid var(--line);border-radius:28px;padding:1rem .9rem 1.2rem;max-width:22rem}
.phone .who{text-align:center;font-weight:600;margin-bottom:.6rem}
.bubble{background:var(--bubble);color:var(--bubble-text);border-radius:18px 18px 18px 4px;padding:.55rem .8rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem}
.cut{display:inline-block;width:0;border-left:2px dashed var(--cut);height:1.1em;vertical-align:text-bottom;margin:0 1px}
.forced{outline:2px solid var(--cut);border-radius:3px}
.panel{background:var(--surface);border:1px solid var(--line);border-radius:8px;padding:.75rem;margin:.5rem 0}
details.exchange{background:var(--surface);border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;margin:.4rem 0}
details.exchange summary{cursor:pointer}
.violation{color:var(--failed-text)}
@media (max-width:720px){
  main{padding:.5rem .6rem}.detail{grid-template-columns:1fr}.clockbar{margin-left:0}
  table.messages thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.messages,table.messages tbody{display:block;background:none}
  table.messages tr{display:grid;grid-template-columns:auto minmax(0,1fr) minmax(0,auto);grid-template-areas:"to to state" "text text text" "from provider time";gap:.15rem .6rem;background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:.55rem .7rem;margin:0 0 .55rem}
  table.messages td{display:block;padding:0;border:0;max-width:none;min-width:0}
  table.messages .status{white-space:normal}
  table.messages td.to{grid-area:to;font-weight:600}table.messages td.state{grid-area:state;text-align:right}
  table.messages td.text{grid-area:text}table.messages td.text .body{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
  table.messages td.from{grid-area:from}table.messages td.provider{grid-area:provider}table.messages td.time{grid-area:time;text-align:right}
  table.messages td.from,table.messages td.provider,table.messages td.time{font-size:.85rem;color:var(--muted)}
  table.messages td .operator,table.messages td .history{display:none}
  table.wide{display:block;overflow-x:auto}
}
`
