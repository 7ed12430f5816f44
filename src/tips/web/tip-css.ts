/** The form's only stylesheet (served as a file: the CSP allows no inline style). Phone first. */
export const TIP_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans Thai","Loma","Garuda",sans-serif;font-size:1.125rem;line-height:1.7;color:#1F2933;background:#F5F7FA}
header{background:#0B6E4F;color:#fff;padding:1rem 1.25rem}
header h1{margin:0;font-size:1.5rem;line-height:1.4}
.agency{margin:0;color:#E3F4EC;font-size:1rem}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h2{color:#0B6E4F;font-size:1.25rem;margin:1.5rem 0 .5rem}
section.about,section.channels{background:#fff;border-radius:.5rem;padding:.25rem 1rem;margin:1rem 0}
ul{padding-left:1.25rem}
label{display:block;font-weight:bold;margin-top:1.25rem}
.hint,.note{color:#52606D;font-size:1rem;margin:.25rem 0}
input[type=text],textarea{width:100%;font:inherit;padding:.6rem;border:2px solid #9AA5B1;border-radius:.4rem;background:#fff}
input[type=file]{width:100%;font:inherit;margin-top:.25rem}
textarea{resize:vertical}
button{display:block;width:100%;margin-top:1.5rem;padding:.8rem;font:inherit;font-weight:bold;color:#fff;background:#0B6E4F;border:0;border-radius:.4rem;min-height:3rem}
a{color:#0B6E4F}
.errors{background:#FDECEA;border-left:.4rem solid #C62828;padding:.25rem 1rem;margin:1rem 0}
.done{background:#E3F4EC;border-left:.4rem solid #0B6E4F;padding:.5rem 1rem}
.receipt{font-size:clamp(1.25rem,6.5vw,2rem);font-weight:bold;letter-spacing:.05em;color:#0B6E4F;margin:.25rem 0;white-space:nowrap}
.warn{background:#FFF8E1;padding:.5rem 1rem;border-radius:.4rem}
dl.status dt{font-weight:bold;margin-top:.5rem}
dl.status dd{margin:0}
#status{font-size:1.4rem;color:#0B6E4F;font-weight:bold}
.notes li,.outcome{white-space:pre-wrap;overflow-wrap:anywhere}
`;
