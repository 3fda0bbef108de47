"""Render nbs/index.ipynb to README.md without Quarto, or check that README.md is up to date.

nbdev_readme needs Quarto, which cannot be installed everywhere we test; this renderer keeps the
README in step with index.ipynb by a means that works offline. Markdown cells are copied; code
cells appear as ```python blocks (lines starting with `#|` are directives and are dropped; cells
marked `#| hide` are left out; `#| echo: false` shows only the output); text outputs follow as
plain blocks. Images belong in markdown cells as links to committed files; relative links are
rewritten from nbs/ to the repository root.

Usage: python tools/readme.py [--check]
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/index.ipynb by tools/readme.py (make readme); edit the notebook, not this file. -->\n\n"

def _text(x): return ''.join(x) if isinstance(x, list) else x

def _directives(src):
    return {l[3:].split(':')[0].strip(): l[3:].split(':', 1)[1].strip() if ':' in l else ''
            for l in src.splitlines() if l.startswith('#| ')}

def _from_root(md:str) -> str:
    "Relative links and images in the notebook are relative to nbs/; in README.md they must be relative to the root."
    return re.sub(r'(\]\()(?!https?:|#|/)([^)\s]+)', r'\1nbs/\2', md)

def render(nb_path=ROOT / 'nbs' / 'index.ipynb') -> str:
    "The README text for the notebook at `nb_path`."
    nb, parts = json.loads(Path(nb_path).read_text()), []
    for c in nb['cells']:
        src = _text(c['source'])
        if c['cell_type'] == 'markdown':
            parts.append(_from_root(src.strip())); continue
        if c['cell_type'] != 'code': continue
        d = _directives(src)
        if 'hide' in d or 'default_exp' in d: continue
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if code and d.get('echo') != 'false': parts.append(f"```python\n{code}\n```")
        for o in c.get('outputs', []):
            txt = _text(o.get('text', '')) or _text(o.get('data', {}).get('text/plain', ''))
            if txt.strip(): parts.append(f"```\n{txt.rstrip()}\n```")
    return HEADER + '\n\n'.join(p for p in parts if p) + '\n'

if __name__ == '__main__':
    want, readme = render(), ROOT / 'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != want:
            sys.exit("README.md is out of date with nbs/index.ipynb: run `make readme` and commit README.md")
        print("README.md agrees with nbs/index.ipynb")
    else:
        readme.write_text(want); print("wrote README.md")
