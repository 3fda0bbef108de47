"""Checks on the docs site that need no Quarto: every notebook is in the sidebar (in file order),
links between notebooks resolve, and notebooks stay small (no heavy outputs, no widget state).

Also runs nbdev's notebook processing for the docs (what `nbdev_proc_nbs` does, without its
attempt to install Quarto), so a broken `show_doc` or directive fails here, not in the deploy job.

Usage: python tools/check_docs.py
"""
import ast, json, re, sys
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT / 'nbs'
MAX_BYTES = 500_000
NOT_IN_SIDEBAR = set()  # every notebook is a page of the site

def sidebar_entries(node):
    if isinstance(node, str): yield node
    elif isinstance(node, list):
        for n in node: yield from sidebar_entries(n)
    elif isinstance(node, dict):
        for k in ('contents', 'href'):
            if k in node: yield from sidebar_entries(node[k])

def mixed_imports(src:str) -> str|None:
    "The first line of a code cell that nbdev's docs processing would flag for mixing imports with other code (its `_do_eval` rule), or None."
    dirs = {m[1] for l in src.splitlines() if (m := re.match(r'#\|\s*([\w-]+)', l))}  # `#| export`, `#|export`
    if dirs & {'export', 'exports', 'exporti', 'exec_doc'} or re.search(r'^#\| eval:\s*false', src, re.M | re.I): return None
    try: tree = ast.parse(src)
    except SyntaxError: return None  # cell magics and the like: nbdev cannot parse them either
    nodes = list(ast.walk(tree))
    if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and any(isinstance(n, (ast.Expr, ast.Assign)) for n in nodes):
        return next(l for l in src.splitlines() if l.strip() and not l.startswith('#'))[:60]
    return None

def main():
    errors = []
    nbs = sorted(p.name for p in NBS.glob('*.ipynb'))
    entries = list(sidebar_entries(yaml.safe_load((NBS / 'sidebar.yml').read_text())['website']['sidebar']['contents']))
    for nb in nbs:
        if nb not in entries and nb not in NOT_IN_SIDEBAR: errors.append(f"nbs/sidebar.yml: {nb} is missing")
    for e in entries:
        if not (NBS / e).exists(): errors.append(f"nbs/sidebar.yml: {e} does not exist")
    chapters = [e for e in entries if re.match(r'\d\d_', e)]
    if chapters != sorted(chapters): errors.append("nbs/sidebar.yml: chapters are not in data-flow (file) order")
    for nb in nbs:
        p = NBS / nb
        if p.stat().st_size > MAX_BYTES: errors.append(f"{nb}: {p.stat().st_size:,} bytes on disk (limit {MAX_BYTES:,}); shrink its outputs")
        d = json.loads(p.read_text())
        if 'widgets' in d.get('metadata', {}): errors.append(f"{nb}: stale widget state in the notebook metadata; run nbdev_clean")
        for c in d['cells']:
            if c['cell_type'] != 'markdown': continue
            for target in re.findall(r'\]\(([^)\s#]+\.(?:ipynb|html))(?:#[^)]*)?\)', ''.join(c['source'])):
                if target.startswith('http'): continue
                if not (NBS / Path(target).with_suffix('.ipynb')).exists(): errors.append(f"{nb}: link to {target} does not resolve")
        showdoc = not re.search(r'^- skip_showdoc:\s*true', ''.join(d['cells'][0]['source']) if d['cells'] else '', re.M)
        for c in d['cells'] if showdoc else []:  # nbdev's docs build executes every cell with an import: other code there runs too (and nbdev only warns)
            if c['cell_type'] == 'code' and (why := mixed_imports(''.join(c['source']))): errors.append(f"{nb}: a cell mixes imports and other code ({why}); put the imports in a cell of their own")
    try:  # what `nbdev_proc_nbs` does, minus its attempt to install Quarto
        from nbdev.serve import proc_nbs
        proc_nbs(path=str(NBS), force=True)
        missing = [nb for nb in nbs if not (ROOT / '_proc' / nb).exists()]
        if missing: errors.append(f"nbdev proc_nbs did not process: {', '.join(missing)}")
    except Exception as e: errors.append(f"nbdev proc_nbs failed: {type(e).__name__}: {e}")
    for e in errors: print(e)
    if errors: sys.exit(1)
    print(f"docs checks passed for {len(nbs)} notebooks")

if __name__ == '__main__': main()
