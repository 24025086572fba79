package pipeline

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestParseGitLog(t *testing.T) {
	out := "\x002024-03-04\x00\na.md\x00tab\tü.md\x00\x002024-01-02\x00\na.md\x00sub/b c.md\x00" +
		"\x002025-01-01\x00\nsub/b c.md\x00" // out of order: the newest wins
	got := parseGitLog([]byte(out))
	want := map[string]string{"a.md": "2024-03-04", "tab\tü.md": "2024-03-04", "sub/b c.md": "2025-01-01"}
	if !maps.Equal(got, want) {
		t.Errorf("parseGitLog = %q, want %q", got, want)
	}
	if got := parseGitLog(nil); len(got) != 0 {
		t.Errorf("parseGitLog(nil) = %q", got)
	}
}

// needGit skips the test where git is not installed (fails it under
// CI=true, where it must be).
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
}

// commit commits everything in the repository at dir on day (YYYY-MM-DD),
// whatever the clock says.
func commit(t *testing.T, dir, day string) {
	t.Helper()
	run := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
			"-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE="+day+"T12:00:00Z", "GIT_AUTHOR_DATE="+day+"T12:00:00Z",
			"TZ=UTC", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		run("init", "-q")
	}
	run("add", "-A")
	run("commit", "-q", "--allow-empty", "-m", "edit of "+day)
}

// datedTopic is a topic file, with an updated key if updated is set.
func datedTopic(title, updated string) string {
	extra := ""
	if updated != "" {
		extra = "updated: " + updated + "\n"
	}
	return "---\ntitle: " + title + "\nsummary: About " + title + ".\n" + extra + "---\n\n## Definition\n\nText.\n"
}

// gitSite writes a small site into a new repository, with the content
// folder below its root, commits it on two days and makes it the current
// folder.
func gitSite(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	write := func(rel, data string) { writeFile(t, filepath.Join(dir, filepath.FromSlash(rel)), data) }
	write("content/_index.md", "---\ntitle: Dated\nbase_url: https://example.org/\n---\n")
	write("content/alpha.md", datedTopic("Alpha", ""))
	write("content/beta.md", datedTopic("Beta", "2026-05-05"))
	write("content/sub folder/gamma-term.md", datedTopic("Gamma", ""))
	write("README.md", "Not content.\n")
	commit(t, dir, "2024-01-02")
	write("content/alpha.md", datedTopic("Alpha", "")+"More.\n")
	commit(t, dir, "2024-03-04")
	write("README.md", "Still not content.\n")
	commit(t, dir, "2025-06-07")
	for _, folder := range []struct{ name, repo string }{{"templates", repoTemplates}, {"static", repoStatic}} {
		if err := os.CopyFS(filepath.Join(dir, folder.name), os.DirFS(folder.repo)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// sitemapDates reads the date of each topic from the sitemap of the site
// at https://example.org/.
func sitemapDates(t *testing.T) map[string]string {
	t.Helper()
	return sitemapDatesOf(t, "https://example.org/")
}

// A topic without updated is dated by its file's last commit; updated
// wins where it is set; files outside the content folder do not count.
func TestGitDates(t *testing.T) {
	gitSite(t)
	var notes bytes.Buffer
	cfg := testConfig
	cfg.Notes = &notes
	mustBuild(t, cfg)
	want := map[string]string{"alpha": "2024-03-04", "beta": "2026-05-05", "gamma-term": "2024-01-02"}
	if got := sitemapDates(t); !maps.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
	page, err := os.ReadFile(filepath.Join(testConfig.Out, "topics", "alpha", "index.html"))
	if err != nil || !strings.Contains(string(page), `Updated <time datetime="2024-03-04">`) {
		t.Errorf("the alpha page does not show its commit's date (%v)", err)
	}
	if notes.Len() > 0 {
		t.Errorf("notes: %s", notes.String())
	}

	cfg.NoGit = true
	mustBuild(t, cfg)
	want = map[string]string{"alpha": "", "beta": "2026-05-05", "gamma-term": ""}
	if got := sitemapDates(t); !maps.Equal(got, want) {
		t.Errorf("with -no-git: dates %q, want %q", got, want)
	}
}

// A commit that changes no file still changes a date: the next build,
// reading its cache, renders the page again.
func TestGitDatesWithCache(t *testing.T) {
	dir := gitSite(t)
	build := func() {
		s := NewSite(testConfig)
		s.LoadCache()
		s.Load()
		if _, err := s.Generate(Full); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "content", "alpha.md"), datedTopic("Alpha", "")+"Edited, not committed.\n")
	build()
	if got := sitemapDates(t)["alpha"]; got != "2024-03-04" {
		t.Errorf("before the commit: alpha dated %q", got)
	}
	commit(t, dir, "2025-08-09")
	build()
	if got := sitemapDates(t)["alpha"]; got != "2025-08-09" {
		t.Errorf("after the commit: alpha dated %q", got)
	}
	page, _ := os.ReadFile(filepath.Join(testConfig.Out, "topics", "alpha", "index.html"))
	if !strings.Contains(string(page), `datetime="2025-08-09"`) {
		t.Error("the alpha page was not rendered again with the new date")
	}
}

// Under serve, history is read once: a commit is not an edit, and an edit
// keeps the date of the file's last commit until the next start.
func TestGitDatesReadOncePerSite(t *testing.T) {
	dir := gitSite(t)
	s := servedSite(t)
	writeFile(t, filepath.Join(dir, "content", "alpha.md"), datedTopic("Alpha", "")+"Edited and committed.\n")
	commit(t, dir, "2025-08-09")
	s.Load()
	if _, err := s.Generate(InPlace); err != nil {
		t.Fatal(err)
	}
	if got := sitemapDates(t)["alpha"]; got != "2024-03-04" {
		t.Errorf("after an edit under serve: alpha dated %q, want the date read at the start", got)
	}
}

// In a shallow clone every file would have the one commit's date: none
// gets one, and a note says why, once.
func TestGitDatesShallowClone(t *testing.T) {
	dir := gitSite(t)
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	for _, folder := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(clone, folder), os.DirFS(filepath.Join(dir, folder))); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(clone)
	var notes bytes.Buffer
	cfg := testConfig
	cfg.Notes = &notes
	mustBuild(t, cfg)
	want := map[string]string{"alpha": "", "beta": "2026-05-05", "gamma-term": ""}
	if got := sitemapDates(t); !maps.Equal(got, want) {
		t.Errorf("dates %q, want %q", got, want)
	}
	if lines := strings.Split(strings.TrimSpace(notes.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "shallow") {
		t.Errorf("notes %q, want one about the shallow clone", lines)
	}
}

// Outside a repository, nothing is dated and nothing is said.
func TestGitDatesOutsideRepository(t *testing.T) {
	unpackSite(t, "lifecycle")
	var notes bytes.Buffer
	cfg := testConfig
	cfg.Notes = &notes
	mustBuild(t, cfg)
	for slug, date := range sitemapDatesOf(t, "https://example.org/g/") {
		if want := map[string]string{"deductible": "2026-02-01"}[slug]; date != want {
			t.Errorf("%s dated %q, want %q", slug, date, want)
		}
	}
	if notes.Len() > 0 {
		t.Errorf("notes: %s", notes.String())
	}
}

// sitemapDatesOf is sitemapDates for a site at base.
func sitemapDatesOf(t *testing.T, base string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testConfig.Out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<loc>` + regexp.QuoteMeta(base) + `topics/([a-z-]+)/</loc>(?:<lastmod>([0-9-]+)</lastmod>)?`)
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		out[m[1]] = m[2]
	}
	return out
}
