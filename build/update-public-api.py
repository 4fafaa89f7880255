#!/usr/bin/env python3
"""Updates the public API baseline (PublicAPI.Unshipped.txt of every project under src/) from the analyzer itself.

Builds the packable projects once with RS0016/RS0017 reported as warnings, then adds each symbol the analyzer
reports as missing (RS0016) to the project's PublicAPI.Unshipped.txt, and drops each symbol it reports as gone
(RS0017): deleted from Unshipped, or marked *REMOVED* there when it was in Shipped (a breaking change, for review).
A project without the two files gets them first. Run from anywhere: python3 build/update-public-api.py
"""
import os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
projects = sorted(
    os.path.join(root, "src", d, d + ".csproj")
    for d in os.listdir(os.path.join(root, "src"))
    if os.path.isfile(os.path.join(root, "src", d, d + ".csproj")))
HEADER = "#nullable enable\n"
for project in projects:
    for name in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
        path = os.path.join(os.path.dirname(project), name)
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(HEADER)

with tempfile.TemporaryDirectory() as tmp:
    solution = os.path.join(tmp, "src.slnx")
    with open(solution, "w") as f:
        f.write("<Solution>\n" + "".join(f'  <Project Path="{p}" />\n' for p in projects) + "</Solution>\n")
    # A rebuild, so every project is analysed; warnings are not errors here, so one project's gaps do not stop the rest.
    build = subprocess.run(
        ["dotnet", "build", solution, "--no-incremental", "-nologo", "-v:minimal", "-clp:NoSummary",
         "-p:TreatWarningsAsErrors=false", "-p:WarningsAsErrors=", "-nodeReuse:false"],
        cwd=root, capture_output=True, text=True)

line = re.compile(r"(?:warning|error) (RS0016|RS0017): Symbol '(.*)' is (?:not )?part of the declared .*\[(.+\.csproj)[^\]]*\]\s*$")
added, removed = {}, {}
for text in build.stdout.splitlines():
    m = line.search(text)
    if m:
        (added if m.group(1) == "RS0016" else removed).setdefault(m.group(3), set()).add(m.group(2))
if build.returncode != 0 and not added and not removed:
    sys.stdout.write(build.stdout + build.stderr)
    sys.exit("The build failed for another reason than the public API baseline; fix that first.")

if not added and not removed:
    print("The public API baseline is up to date.")

def read(path):
    with open(path) as f:
        return [l.rstrip("\n") for l in f if l.strip() and l.strip() != HEADER.strip()]

for project in sorted(set(added) | set(removed)):
    folder = os.path.dirname(project)
    shipped = set(read(os.path.join(folder, "PublicAPI.Shipped.txt")))
    unshipped_path = os.path.join(folder, "PublicAPI.Unshipped.txt")
    unshipped = set(read(unshipped_path))
    for symbol in removed.get(project, ()):
        if symbol in unshipped:
            unshipped.discard(symbol)
        elif symbol in shipped:
            unshipped.add("*REMOVED*" + symbol)
    unshipped |= added.get(project, set())
    with open(unshipped_path, "w") as f:
        f.write(HEADER + "".join(l + "\n" for l in sorted(unshipped, key=lambda s: s.removeprefix("*REMOVED*"))))
    print(f"{os.path.relpath(unshipped_path, root)}: {len(added.get(project, ()))} added, {len(removed.get(project, ()))} removed")
