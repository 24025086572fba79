package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// check -review-due lists never-reviewed topics first, then those last
// reviewed before the cutoff, and exits 0: it plans work, it finds no
// fault.
func TestCheckReviewDue(t *testing.T) {
	today := time.Now().Format(time.DateOnly)
	inSite(t, map[string]string{
		"content/fresh.md":   "---\ntitle: Fresh\nsummary: S.\nreviewed: " + today + "\n---\n\n## Definition\n\nText.\n",
		"content/stale.md":   "---\ntitle: Stale\nsummary: S.\nreviewed: 2001-02-03\n---\n\n## Definition\n\nText.\n",
		"content/never.md":   "---\ntitle: Never\nsummary: S.\n---\n\n## Definition\n\nText.\n",
		"content/retired.md": "---\ntitle: Retired\nsummary: S.\nstatus: deprecated\nreplaced_by: fresh\n---\n\n## Definition\n\nText.\n",
	})
	code, stdout, stderr := runGenerator(append([]string{"check", "-review-due", "365d", "-no-git"}, siteFlags...)...)
	want := regexp.MustCompile(`^ok: 4 topics, \d+ pages checked in \S+
review due: 2 topics reviewed before \d{4}-\d\d-\d\d, or never
content/never.md:1:1: never reviewed
content/stale.md:4:1: reviewed 2001-02-03
$`)
	if code != 0 || stderr != "" || !want.MatchString(stdout) {
		t.Errorf("check -review-due = %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
}

func TestReviewDueFlag(t *testing.T) {
	inSite(t, map[string]string{"content/deductible.md": goodTopic})
	for _, args := range [][]string{
		{"check", "-review-due", "soon"},
		{"check", "-review-due", "-3d"},
		{"build", "-review-due", "365d"},
	} {
		code, _, stderr := runGenerator(append(args, siteFlags...)...)
		if code != 2 || !strings.Contains(stderr, "-review-due is a flag of check") {
			t.Errorf("%q = %d, stderr %q", args, code, stderr)
		}
	}
	for in, want := range map[string]time.Duration{"365d": 365 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "36h": 36 * time.Hour} {
		if got, err := parseAge(in); err != nil || got != want {
			t.Errorf("parseAge(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
