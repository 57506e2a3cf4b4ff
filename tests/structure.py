#!/usr/bin/env python3
"""Structure rules of issue 15, checked on the source tree (and, with --objects DIR, on
the compiled library objects):
  - no src/cli/cmd_*.c longer than 200 lines;
  - no function in src/ longer than 120 lines (FLINT style: '{' and '}' at column 0);
  - no include cycle between files (quoted includes, resolved against src/);
  - no file-level cycle of symbol use between the library's objects (nm: file A uses a
    symbol defined in file B), e.g. poly.c <-> split.c;
  - the library (everything in src/ but cli/ and api/) never includes the umbrella relucert.h.
Prints one line per violation and 'structure: N passed, M failed'."""
import os, re, subprocess, sys

def files(root, exts):
    for d, _, fs in os.walk(root):
        for f in sorted(fs):
            if f.endswith(exts):
                yield os.path.join(d, f)

def check_cmd_lengths(src, bad):
    for p in files(os.path.join(src, 'cli'), ('.c',)):
        if os.path.basename(p).startswith('cmd_'):
            n = sum(1 for _ in open(p))
            if n > 200:
                bad.append('%s: %d lines (at most 200)' % (p, n))

def check_function_lengths(src, bad):
    for p in files(src, ('.c',)):
        lines = open(p, encoding='utf-8', errors='replace').read().split('\n')
        start = None
        for i, l in enumerate(lines):
            if l.startswith('{'):
                start = i
            elif l.startswith('}') and start is not None:
                # a function body: the line before '{' holds the name (or ends the signature)
                n = i - start + 1
                if n > 120 and not lines[start - 1].rstrip().endswith('='):
                    name = next((lines[j] for j in range(start - 1, max(start - 4, -1), -1)
                                 if '(' in lines[j]), lines[start - 1])
                    bad.append('%s:%d: function %s is %d lines (at most 120)'
                               % (p, start, name.split('(')[0].split()[-1] if name.split('(')[0].split() else '?', n))
                start = None

INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

def include_graph(src):
    g = {}
    for p in files(src, ('.c', '.h')):
        rel = os.path.relpath(p, src)
        deps = []
        for l in open(p, encoding='utf-8', errors='replace'):
            m = INC.match(l)
            if m:
                t = m.group(1)
                for cand in (os.path.join(os.path.dirname(rel), t), t):
                    if os.path.exists(os.path.join(src, cand)):
                        deps.append(os.path.normpath(cand))
                        break
        g[rel] = deps
    return g

def cycles(g):
    """Strongly connected components with more than one node (Tarjan, iterative enough)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    sys.setrecursionlimit(100000)
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out

def check_includes(src, bad):
    g = include_graph(src)
    for c in cycles(g):
        bad.append('include cycle: ' + ' <-> '.join(c))
    for f, deps in sorted(g.items()):
        top = f.split('/')[0]
        if top not in ('cli', 'api') and f != 'relucert.h' and 'relucert.h' in deps:
            bad.append('%s: the library includes the umbrella header relucert.h' % f)

def module_of(f):
    return f.split('/')[0] if '/' in f else None

def check_modules(src, bad):
    """Module-level includes against ARCHITECTURE.md's "May include" lines; no module cycle."""
    arch = os.path.join(os.path.dirname(os.path.abspath(src)), 'ARCHITECTURE.md')
    allowed, cur = {}, None
    for l in open(arch, encoding='utf-8'):
        m = re.match(r'^### (\w+)\s*$', l)
        if m:
            cur = m.group(1)
        m = re.match(r'^May include: (.*)\.\s*$', l)
        if m and cur:
            allowed[cur] = {w.strip() for w in m.group(1).split(',') if w.strip() and '(' not in w}
            if '(any module)' in m.group(1):
                allowed[cur] = None
    g = include_graph(src)
    mg = {}
    for f, deps in g.items():
        a = module_of(f)
        if a is None:
            continue
        if a not in allowed:
            bad.append('module %s has no paragraph with "May include" in ARCHITECTURE.md' % a)
            allowed[a] = None
        for d in deps:
            b = module_of(d) or d
            if b == a:
                continue
            mg.setdefault(a, set()).add(b)
            if allowed[a] is not None and b not in allowed[a]:
                bad.append('%s includes %s: module %s may not include %s (ARCHITECTURE.md)' % (f, d, a, b))
    for c in cycles({k: sorted(v) for k, v in mg.items() if allowed.get(k) is not None}):
        bad.append('module cycle: ' + ' <-> '.join(c))

def check_objects(objdir, bad):
    defined, used = {}, {}
    for p in files(objdir, ('.o',)):
        if not os.path.basename(p).startswith('librelucert_la-'):
            continue
        # module/file: objects of different modules share base names (read.o, report.o)
        d = os.path.dirname(p)
        if os.path.basename(d) == '.libs':
            d = os.path.dirname(d)   # PIC objects (a shared-only build has no others)
        elif os.path.exists(os.path.join(d, '.libs', os.path.basename(p))):
            continue                 # the non-PIC twin of a PIC object
        name = os.path.join(os.path.basename(d),
                            os.path.basename(p)[len('librelucert_la-'):])
        out = subprocess.run(['nm', p], capture_output=True, text=True).stdout
        for l in out.split('\n'):
            parts = l.split()
            if len(parts) == 3 and parts[1] in 'TDBR':
                defined[parts[2]] = name
            elif len(parts) == 2 and parts[0] == 'U':
                used.setdefault(name, set()).add(parts[1])
    if not used:
        bad.append('no library objects found under %s (build first)' % objdir)
        return
    g = {f: sorted({defined[s] for s in syms if s in defined and defined[s] != f}) for f, syms in used.items()}
    for c in cycles(g):
        bad.append('file-level cycle of symbol use: ' + ' <-> '.join(c))

def main():
    args = sys.argv[1:]
    objdir = None
    if '--objects' in args:
        i = args.index('--objects'); objdir = args[i + 1]; del args[i:i + 2]
    src = args[0] if args else 'src'
    checks = [check_cmd_lengths, check_function_lengths, check_includes, check_modules]
    passed = failed = 0
    for c in checks + ([lambda s, b: check_objects(objdir, b)] if objdir else []):
        bad = []
        c(src, bad)
        for b in bad:
            print('FAIL:', b)
        if bad: failed += 1
        else: passed += 1
    print('structure: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0

sys.exit(main())
