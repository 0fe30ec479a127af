package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// sdkDir resolves --sdk to a directory of SDK source: an existing
// directory as is, else MODULE[@VERSION]/services/SVC/VER in the module
// cache (the highest cached version when none is given).
func sdkDir(arg string) (string, error) {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		return arg, nil
	}
	mod, sub, ok := strings.Cut(arg, "/services/")
	if !ok {
		return "", fmt.Errorf("%q: want MODULE[@VERSION]/services/SVC/VER or a directory", arg)
	}
	mod, version, _ := strings.Cut(mod, "@")
	cache, err := modCache()
	if err != nil {
		return "", err
	}
	base := filepath.Join(cache, filepath.FromSlash(escapeModule(mod)))
	if version == "" {
		vs, _ := filepath.Glob(base + "@v*")
		if len(vs) == 0 {
			return "", fmt.Errorf("%s is not in the module cache (%s); download it first: go mod download %s@latest (in this repository: cd e2e && go mod download %s)", mod, cache, mod, mod)
		}
		slices.SortFunc(vs, func(a, b string) int { return compareVersions(a[len(base)+1:], b[len(base)+1:]) })
		version = vs[len(vs)-1][len(base)+1:]
	}
	dir := filepath.Join(base+"@"+version, "services", filepath.FromSlash(sub))
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", fmt.Errorf("%s@%s has no services/%s in the module cache (%s); go mod download %s@%s", mod, version, sub, dir, mod, version)
	}
	return dir, nil
}

// modCache returns GOMODCACHE as the go command reports it.
func modCache() (string, error) {
	if c := os.Getenv("GOMODCACHE"); c != "" {
		return c, nil
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMODCACHE: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// escapeModule is the module cache's case encoding: "!" before each
// upper-case letter, lowered.
func escapeModule(p string) string {
	var sb strings.Builder
	for _, r := range p {
		if unicode.IsUpper(r) {
			sb.WriteByte('!')
			r = unicode.ToLower(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// compareVersions orders vMAJOR.MINOR.PATCH versions numerically; a
// pre-release sorts before its release.
func compareVersions(a, b string) int {
	num := func(v string) ([]int, bool) {
		v = strings.TrimPrefix(v, "v")
		core, pre, _ := strings.Cut(v, "-")
		var out []int
		for _, p := range strings.Split(core, ".") {
			n, _ := strconv.Atoi(p)
			out = append(out, n)
		}
		return out, pre != ""
	}
	x, xp := num(a)
	y, yp := num(b)
	if c := slices.Compare(x, y); c != 0 {
		return c
	}
	switch {
	case xp && !yp:
		return -1
	case !xp && yp:
		return 1
	}
	return strings.Compare(a, b)
}
