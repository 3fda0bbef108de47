"""Validate the cloud launch files offline, without credentials.

- cloud/skypilot/train.yaml parses with SkyPilot's own task parser (schema-checked: a misspelt key fails);
- every shell script passes shellcheck (cloud/ and tools/gpu_session.sh);
- cloud/aws/launch.sh --dry-run fills in its boot script; overrides with spaces, quotes, & ; | reach the instance as the
  same separate arguments and never run as code; the instance shuts down however its boot script ends;
- the SkyPilot task gives each config its own output folder, and its OVERRIDES reach the trainer as the same separate
  arguments, split like a command line, never run as code (a quoting mistake stops the job);
- every command those files run exists in this package (console scripts and `python -m` modules).

Usage: python tools/check_cloud.py
"""
import configparser, importlib.util, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOUD = ROOT / 'cloud'

def main():
    errors = []
    # SkyPilot's parser
    try:
        import sky
        task = sky.Task.from_yaml(str(CLOUD / 'skypilot' / 'train.yaml'))
        if 'torchrun' not in task.run: errors.append("cloud/skypilot/train.yaml: run does not use torchrun")
        if task.envs.get('OUT') or 'OUT=${OUT:-/outputs/$CONFIG}' not in task.run:
            errors.append("cloud/skypilot/train.yaml: OUT must default to /outputs/$CONFIG (one folder per config)")
        # its run script, with torchrun and dit_evaluate stubbed: OVERRIDES split like a command line, nothing in it run
        stub = 'torchrun() { printf "%s\\0" "$@"; }\ndit_evaluate() { :; }\n'
        tricky_sky = ["inference.step_counts=[10, 25]", "training.out_dir=a&b;touch $HOME/pwned |`x`", 'training.max_steps=5']
        with tempfile.TemporaryDirectory() as home:
            env = {'HOME': home, 'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'CONFIG': 'tiny', 'SKYPILOT_NODE_RANK': '1',
                   'OVERRIDES': "'inference.step_counts=[10, 25]' \"training.out_dir=a&b;touch $HOME/pwned |`x`\" training.max_steps=5"}
            d = subprocess.run(['bash', '-c', stub + task.run], capture_output=True, text=True, env=env, cwd=home)
            got = d.stdout.split('\0')[:-1]
            if d.returncode or got[-len(tricky_sky):] != tricky_sky or os.listdir(home):
                errors.append(f"cloud/skypilot/train.yaml: OVERRIDES do not reach the trainer as the same arguments, or ran as code:\n{got!r}\n{d.stderr}")
            bad = subprocess.run(['bash', '-c', stub + task.run], capture_output=True, text=True, env={**env, 'OVERRIDES': "'unclosed"}, cwd=home)
            if bad.returncode == 0 or 'OVERRIDES: No closing quotation' not in bad.stderr:
                errors.append(f"cloud/skypilot/train.yaml: a quoting mistake in OVERRIDES must stop the job:\n{bad.stdout!r}\n{bad.stderr}")
    except ImportError: errors.append("skypilot is not installed: make install (it is in the `cloud` extra)")
    except Exception as e: errors.append(f"cloud/skypilot/train.yaml: {type(e).__name__}: {e}")
    # shellcheck
    scripts = sorted(CLOUD.rglob('*.sh')) + [ROOT / 'tools' / 'gpu_session.sh']  # and the prepared GPU session
    if shutil.which('shellcheck') is None: errors.append("shellcheck is not installed: apt-get install shellcheck")
    else:
        r = subprocess.run(['shellcheck', '-x', *map(str, scripts)], capture_output=True, text=True)
        if r.returncode: errors.append("shellcheck:\n" + r.stdout)
    # the AWS launcher's dry run
    r = subprocess.run(['bash', str(CLOUD / 'aws' / 'launch.sh'), '--bucket', 'b', '--run', 'r', '--dry-run', '--', 'training.max_steps=5'],
                       capture_output=True, text=True)
    if r.returncode or re.search(r'@[A-Z]+@', r.stdout) or 'training.max_steps=5' not in r.stdout:
        errors.append(f"cloud/aws/launch.sh --dry-run failed or left @FIELDS@ unfilled:\n{r.stdout}{r.stderr}")
    tricky = ['inference.step_counts=[10, 25]', "training.out_dir=a&b;touch $HOME/pwned |'\"`x`"]
    r = subprocess.run(['bash', str(CLOUD / 'aws' / 'launch.sh'), '--bucket', 'b', '--run', 'r', '--dry-run', '--', *tricky], capture_output=True, text=True)
    boot = r.stdout.split('--- user data ---\n', 1)[-1]
    decode = '\n'.join(l for l in boot.splitlines() if l.startswith(('encoded=', 'if [ -n "$encoded" ]')))
    with tempfile.TemporaryDirectory() as home:
        d = subprocess.run(['bash', '-c', decode + '\nprintf "%s\\0" "${overrides[@]}"'], capture_output=True, text=True,
                           env={'HOME': home, 'PATH': os.environ.get('PATH', '/usr/bin:/bin')})
        if r.returncode or d.stdout.split('\0')[:-1] != tricky or os.listdir(home):
            errors.append(f"cloud/aws: overrides do not reach the boot script as the same arguments, or ran as code:\n{d.stdout!r}\n{d.stderr}{r.stderr}")
    if "trap 'sync_up; shutdown -h now' EXIT" not in boot: errors.append("cloud/aws/user_data.sh: the instance must copy up and shut down however the script ends")
    # the commands they run exist here
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    scripts_defined = {l.split('=')[0].strip() for l in cfg['DEFAULT']['console_scripts'].split('\n') if l.strip()}
    for f in [CLOUD / 'skypilot' / 'train.yaml', *scripts]:
        text = f.read_text()
        for cmd in set(re.findall(r'\b(dit_[a-z]+)\s+--', text)):
            if cmd not in scripts_defined: errors.append(f"{f.relative_to(ROOT)}: runs {cmd}, which is not a console script")
        for mod in set(re.findall(r'-m (dit_nbdev\.[a-z_]+)', text)):
            if importlib.util.find_spec(mod) is None: errors.append(f"{f.relative_to(ROOT)}: runs -m {mod}, which does not exist")
    for e in errors: print(e)
    if errors: sys.exit(1)
    print(f"cloud checks passed: skypilot task, {len(scripts)} shell scripts, AWS dry run, commands exist")

if __name__ == '__main__': main()
