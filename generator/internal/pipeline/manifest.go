package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The build metadata lives in a cache folder outside the output (by
// default .glossary/ in the current folder), so that the output is exactly
// the site and can be published as it is: no parsed topics (which hold
// drafts) and no bookkeeping among the pages. Each output folder has its own
// record below the cache folder, named after the output's absolute path.
const (
	// ManifestFile, in an output's record, lists every file the last
	// build wrote there, with the fingerprint of its inputs and the hash
	// of its bytes. It is what proves that an output folder is ours.
	ManifestFile = "manifest.json"
	// CacheFile, in an output's record, holds the parsed topics.
	CacheFile = "topics.cache"
)

const manifestFormat = "glossary-build/2"

type manifest struct {
	Format string           `json:"format"`
	Out    string           `json:"out"`
	Files  map[string]entry `json:"files"`
	// Dirs holds each folder's modification time as last seen: a folder
	// whose time has not moved has had no entry added or removed, so an
	// unchanged output is proved with one lstat per folder.
	Dirs map[string]int64 `json:"dirs"`
}

type entry struct {
	Fingerprint uint64 `json:"fp"`
	Hash        uint64 `json:"hash"`
}

// RecordDir is the folder, below cache, that holds what the generator
// knows of the output folder out.
func RecordDir(cache, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	name := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, filepath.Base(abs))
	return filepath.Join(cache, strings.TrimLeft(name, ".")+"-"+hex.EncodeToString(sum[:6]))
}

// outputState is what a full build finds in its output folder.
type outputState struct {
	// files is what the manifest says the folder holds, dirs the times
	// of its folders.
	files map[string]entry
	dirs  map[string]int64
	// complete says the folder holds every file the manifest lists.
	complete bool
}

// inspectOutput checks that the output folder out is the generator's
// before a build replaces it. A missing or empty folder is fine. Any
// other folder must have a manifest in the cache folder that names it
// (the absolute path) and lists every file in it: a mistyped -out, or a
// folder someone added files to, is refused rather than deleted. Only
// folders whose modification time moved since the manifest was written
// are read.
func inspectOutput(out, record string) (outputState, error) {
	st := outputState{files: map[string]entry{}}
	info, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if !info.IsDir() {
		return st, fmt.Errorf("output %s exists and is not a folder; choose another -out", out)
	}
	m, ok := readManifest(out, record)
	if !ok {
		if entries, _ := os.ReadDir(out); len(entries) == 0 {
			return st, nil
		}
		return st, fmt.Errorf("refusing to replace %s: it is not empty and %s has no record of building it, so it may hold someone else's files; if it is an earlier build's output, remove it and build again, else choose another -out", out, filepath.Join(record, ManifestFile))
	}
	// Every folder the listed files lie in, with how many files each
	// holds directly.
	counts := map[string]int{".": 0}
	for name := range m.Files {
		d := path.Dir(name)
		counts[d]++
		for d != "." {
			d = path.Dir(d)
			if _, seen := counts[d]; seen {
				break
			}
			counts[d] = 0
		}
	}
	st.complete = true
	for dir, want := range counts {
		p := filepath.Join(out, filepath.FromSlash(dir))
		if info, err := os.Lstat(p); err == nil && info.IsDir() {
			if t, ok := m.Dirs[dir]; ok && t == info.ModTime().UnixNano() {
				continue
			}
		}
		entries, err := os.ReadDir(p)
		if errors.Is(err, fs.ErrNotExist) {
			st.complete = false
			continue
		}
		if err != nil {
			return st, err
		}
		found := 0
		for _, e := range entries {
			rel := path.Join(dir, e.Name())
			_, listed := m.Files[rel]
			if e.IsDir() {
				_, listed = counts[rel]
			}
			if !listed {
				if e.IsDir() {
					rel += "/"
				}
				return st, fmt.Errorf("refusing to replace %s: it holds %s, which the generator did not write; move it away, or choose another -out", out, rel)
			}
			if !e.IsDir() {
				found++
			}
		}
		if found != want {
			st.complete = false
		}
	}
	st.files, st.dirs = m.Files, m.Dirs
	return st, nil
}

// readManifest reads the manifest of output out from its record folder.
func readManifest(out, record string) (manifest, bool) {
	var m manifest
	raw, err := os.ReadFile(filepath.Join(record, ManifestFile))
	if err != nil || json.Unmarshal(raw, &m) != nil || m.Format != manifestFormat {
		return m, false
	}
	abs, err := filepath.Abs(out)
	if err != nil || m.Out != abs {
		return m, false
	}
	if m.Files == nil {
		m.Files = map[string]entry{}
	}
	return m, true
}

// writeManifest records that out holds files, in folders last modified
// at the times dirs gives.
func writeManifest(out, record string, files map[string]entry, dirs map[string]int64) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(record, 0o755); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(record, ManifestFile), encodeManifest(abs, files, dirs))
}

// folderTimes reads the modification time of each folder of out that
// holds the named files, and of the folders above them: all of them when
// files is the whole site, those an in-place update touched otherwise.
// Into is updated and returned; folders that are gone are dropped.
func folderTimes(out string, files []string, into map[string]int64) map[string]int64 {
	if into == nil {
		into = map[string]int64{}
	}
	seen := map[string]bool{}
	for _, name := range files {
		for d := path.Dir(name); !seen[d]; d = path.Dir(d) {
			seen[d] = true
			info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(d)))
			if err != nil || !info.IsDir() {
				delete(into, d)
			} else {
				into[d] = info.ModTime().UnixNano()
			}
			if d == "." {
				break
			}
		}
	}
	return into
}

// pending is the manifest to record before files are swapped or renamed
// into the output: every file of the old and the new site, so a build
// killed half-way leaves nothing in the output the record does not list.
// A file whose entry differs between the two gets a zero entry, which
// matches nothing: the next build writes it again.
func pending(old, next map[string]entry) map[string]entry {
	files := make(map[string]entry, len(next)+len(old))
	for name, e := range next {
		if o, ok := old[name]; ok && o == e {
			files[name] = e
		} else {
			files[name] = entry{}
		}
	}
	for name := range old {
		if _, ok := next[name]; !ok {
			files[name] = entry{}
		}
	}
	return files
}

// encodeManifest writes what json.Marshal would, without reflection: the
// dev server writes the manifest after every rebuild.
func encodeManifest(out string, files map[string]entry, dirs map[string]int64) []byte {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	q, _ := json.Marshal(out)
	b := append(make([]byte, 0, 64*len(files)+48*len(dirs)+len(q)+64), `{"format":"`+manifestFormat+`","out":`...)
	b = append(b, q...)
	b = append(b, `,"files":{`...)
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(name)
		b = append(b, key...)
		b = append(b, `:{"fp":`...)
		b = strconv.AppendUint(b, files[name].Fingerprint, 10)
		b = append(b, `,"hash":`...)
		b = strconv.AppendUint(b, files[name].Hash, 10)
		b = append(b, '}')
	}
	b = append(b, `},"dirs":`...)
	if dirs == nil {
		return append(b, "null}\n"...)
	}
	names = names[:0]
	for name := range dirs {
		names = append(names, name)
	}
	slices.Sort(names)
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		key, _ := json.Marshal(name)
		b = append(b, key...)
		b = append(b, ':')
		b = strconv.AppendInt(b, dirs[name], 10)
	}
	return append(b, "}}\n"...)
}
