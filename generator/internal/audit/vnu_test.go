package audit_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNuHTMLChecker validates every page of the built site with the W3C Nu
// HTML Checker (npm vnu-jar): no errors anywhere.
func TestNuHTMLChecker(t *testing.T) {
	nuCheck(t, site(t))
}

// nuCheck validates every page below dir with the Nu HTML Checker.
func nuCheck(t *testing.T, dir string) {
	t.Helper()
	jar := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java := program(t, "java", "Debian's package default-jre-headless")

	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dir+string(filepath.Separator))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // the report goes to stderr
	_, err := cmd.Output()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running the Nu HTML Checker: %v", err)
	}
	report := stderr.Bytes()
	var res struct {
		Messages []struct {
			Type, SubType string
			URL           string `json:"url"`
			Message       string
			LastLine      int
			FirstColumn   int
			Extract       string
		}
	}
	if err := json.Unmarshal(report, &res); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, report)
	}
	errors := 0
	for _, m := range res.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errors++
		file := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
		t.Errorf("%s:%d:%d: %s\n\t%s", file, m.LastLine, m.FirstColumn, m.Message, strings.TrimSpace(m.Extract))
	}
	t.Logf("Nu HTML Checker: %d errors", errors)
	if err != nil && errors == 0 {
		t.Errorf("the checker failed without reporting an error: %v\n%s", err, report)
	}
}
