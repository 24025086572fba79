package pipeline

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// A topic without an updated key is dated by the last commit of its file
// when the content folder is in a git repository. The history is read
// once per run, by one git log over the whole folder; a commit made while
// the dev server runs changes no page until it starts again, since a
// commit changes no file. A shallow clone's history would date every file
// by its one commit, so it gives no dates. Without git, or outside a
// repository, topics simply have no date.

// shallowNote is printed once when the history is cut short.
const shallowNote = "note: the content folder is in a shallow git clone, whose history cannot say when each topic last changed; " +
	"topics without updated get no date (git fetch --unshallow gives them one; -no-git stops reading the history)"

// gitDates returns the date (YYYY-MM-DD) of the last commit of each file
// below dir, by slash path below it, and a note to show, if any.
func gitDates(dir string) (map[string]string, string) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ""
	}
	shallow, err := exec.Command("git", "-C", dir, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return nil, "" // not a repository
	}
	if strings.TrimSpace(string(shallow)) == "true" {
		return nil, shallowNote
	}
	// Each commit writes NUL, its date, NUL, then its files, each
	// followed by NUL; --relative names them below dir and leaves out
	// files outside it.
	out, err := exec.Command("git", "-C", dir, "log", "--format=%x00%cs", "--name-only", "--relative", "-z", "--", ".").Output()
	if err != nil {
		return nil, ""
	}
	return parseGitLog(out), ""
}

// parseGitLog reads gitDates' git log output. The newest date of a file
// wins, whatever order commits come in.
func parseGitLog(out []byte) map[string]string {
	dates := map[string]string{}
	date := ""
	fields := bytes.Split(out, []byte{0})
	for i := 0; i < len(fields); i++ {
		f := string(bytes.TrimLeft(fields[i], "\n"))
		switch {
		case f == "" && i+1 < len(fields):
			// A commit starts: its date follows.
			i++
			date = string(fields[i])
		case f != "" && date > dates[f]:
			dates[f] = date
		}
	}
	return dates
}

// readHistory reads the dates of the content folder's files, the first
// time it is called.
func (s *Site) readHistory() {
	if s.historyRead || s.cfg.NoGit {
		return
	}
	s.historyRead = true
	var note string
	s.dates, note = gitDates(s.cfg.Content)
	if note != "" && s.cfg.Notes != nil {
		fmt.Fprintln(s.cfg.Notes, note)
	}
}

// dateTopics gives every topic without an updated key the date of its
// file's last commit, or none.
func (s *Site) dateTopics() {
	for _, f := range s.topics {
		if t := f.topic; t != nil {
			if _, set := t.KeyLines["updated"]; !set {
				t.Updated = s.dates[t.Rel]
			}
		}
	}
}
