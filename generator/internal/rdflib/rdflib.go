// Package rdflib reads the SKOS exports with a real RDF parser for the
// tests: Debian's python3-rdflib, run by /usr/bin/python3 (not a python
// earlier on PATH, which may lack it). It parses the Turtle and the
// JSON-LD, compares the two graphs, and checks SKOS's integrity rules.
//
// Where python3-rdflib is missing a test skips and says what to install,
// except under CI=true, where it fails: CI must parse the exports.
package rdflib

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Python is the interpreter Debian's python3-rdflib installs into.
const Python = "/usr/bin/python3"

//go:embed check.py
var script string

// Report is what rdflib found in the two files.
type Report struct {
	// Triples counts the triples of each file.
	TurtleTriples int `json:"ttl_triples"`
	JSONLDTriples int `json:"jsonld_triples"`
	// Isomorphic is true when the files hold the same graph.
	Isomorphic bool `json:"isomorphic"`
	// Problems are broken SKOS integrity rules, one sentence each.
	Problems []string `json:"problems"`
	// Concepts are the Turtle's skos:Concepts by URI: each predicate's
	// local name (prefLabel, related, ...) with its values, literals
	// with their language as "@lang" after the text, blank nodes as
	// their dct:titles between brackets.
	Concepts map[string]map[string][]string `json:"concepts"`
	// Scheme is the same for the skos:ConceptScheme.
	Scheme map[string][]string `json:"scheme"`
}

// Check parses ttl and jsonld, skipping (failing under CI=true) t when
// rdflib cannot be run.
func Check(t testing.TB, ttl, jsonld []byte) Report {
	t.Helper()
	if err := exec.Command(Python, "-c", "import rdflib").Run(); err != nil {
		const msg = "this test parses the exports with rdflib (" + Python + ", Debian's package python3-rdflib); it is not installed"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "glossary.ttl"), filepath.Join(dir, "glossary.jsonld")}
	for i, data := range [][]byte{ttl, jsonld} {
		if err := os.WriteFile(files[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(Python, "-c", script, files[0], files[1])
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdflib could not read the exports: %v\n%s", err, stderr.String())
	}
	var r Report
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("reading rdflib's report: %v\n%s", err, out)
	}
	return r
}
