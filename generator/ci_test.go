package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// .ci/run must set CI=true itself: the browser tests and audits skip when
// their tools are missing unless CI=true, and a CI service that does not set
// it (or someone running the script by hand) would otherwise pass without
// running them. The script runs here with stubs for the tools it installs
// and for make, which records what it was given.
func TestCIRunSetsCI(t *testing.T) {
	stubs := t.TempDir()
	got := filepath.Join(stubs, "make-saw")
	for name, body := range map[string]string{
		"chromium": "exit 0",
		"nginx":    "exit 0",
		"java":     "exit 0",
		"npm":      "exit 0",
		"apt-get":  "echo apt-get should not run: every tool is present >&2; exit 1",
		"make":     `printf 'CI=%s args=%s' "$CI" "$*" > '` + got + `'`,
	} {
		if err := os.WriteFile(filepath.Join(stubs, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(filepath.Join("..", ".ci", "run"))
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, "PATH=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PATH="+stubs+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf(".ci/run: %v\n%s", err, out)
	}
	saw, err := os.ReadFile(got)
	if err != nil {
		t.Fatalf(".ci/run never ran make: %v", err)
	}
	if want := "CI=true args=test"; string(saw) != want {
		t.Errorf(".ci/run ran make with %q, want %q", saw, want)
	}
}
