package pipeline

import (
	"bufio"
	"encoding/gob"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

// The cache file (CacheFile in the output's record folder) holds the
// topics as the last successful full build read them, drafts included,
// with each file's size and time, so the next build parses only the files
// that changed since. It is valid only for the same generator executable,
// content folder and switches; deleting it costs only time.

type cacheData struct {
	Version  uint64
	Content  string
	Drafts   bool
	Settings uint64
	Unsafe   bool
	Autolink bool
	// Language is the one auto-linking inflected names by, Langs the
	// codes of all, by which files are translations, and Catalog the
	// hash of the words headings are recognised by.
	Language string
	Langs    string
	Catalog  uint64
	Names    uint64
	// Count cachedFile values follow the header, one gob message each,
	// so neither side holds the whole cache in one buffer.
	Count int
}

type cachedFile struct {
	Rel   string
	Size  int64
	Mod   int64
	Topic *content.Topic
}

var executableHash = sync.OnceValue(func() uint64 {
	h := fnv.New64a()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return h.Sum64()
})

// LoadCache primes the site from the cache of a previous build, if there
// is a valid one; Load then re-reads only what changed. It reports whether
// the cache was used.
func (s *Site) LoadCache() bool {
	file, err := os.Open(filepath.Join(s.record(), CacheFile))
	if err != nil {
		return false
	}
	defer file.Close()
	dec := gob.NewDecoder(bufio.NewReader(file))
	var c cacheData
	if dec.Decode(&c) != nil || c.Version != executableHash() || c.Content != s.cfg.Content || c.Drafts != s.cfg.Drafts {
		return false
	}
	topics := make(map[string]*fileState, c.Count)
	list := make([]*content.Topic, 0, c.Count)
	for range c.Count {
		var f cachedFile
		if dec.Decode(&f) != nil || f.Topic == nil {
			return false
		}
		topics[f.Rel] = &fileState{size: f.Size, mod: time.Unix(0, f.Mod), topic: f.Topic}
		list = append(list, f.Topic)
	}
	codes := strings.Fields(c.Langs)
	s.langs = &content.Languages{Default: c.Language}
	if len(codes) > 1 {
		s.langs.Others = codes[1:]
	}
	var linkers map[string]*markdown.Linker
	if c.Autolink {
		var names uint64
		if linkers, names = s.newLinkers(list); names != c.Names {
			return false
		}
	}
	s.topics, s.linkers, s.names = topics, linkers, c.Names
	s.settings.Hash, s.unsafe, s.autolink = c.Settings, c.Unsafe, c.Autolink
	s.language, s.langCodes = c.Language, c.Langs
	if s.catalog, s.catDiags = i18n.Load(filepath.Join(s.cfg.Templates, "i18n")); s.catalog.Hash() != c.Catalog {
		s.catalog = nil // read again, with every topic, by the next Load
	}
	s.md = markdown.New(markdown.Options{UnsafeHTML: c.Unsafe})
	s.stale &^= staleDialect | staleCache
	return true
}

// saveCache writes the cache after a successful full build.
func (s *Site) saveCache() error {
	if s.stale&staleCache == 0 {
		return nil // the cache on disk already says this
	}
	c := cacheData{
		Version: executableHash(), Content: s.cfg.Content, Drafts: s.cfg.Drafts,
		Settings: s.settings.Hash, Unsafe: s.unsafe, Autolink: s.autolink, Language: s.language, Names: s.names,
		Langs: s.langCodes, Catalog: s.catalog.Hash(),
	}
	rels := make([]string, 0, len(s.topics))
	for rel, f := range s.topics {
		if f.topic == nil || len(f.diags)+len(f.bodyDiags) > 0 {
			return nil // only a clean site is worth remembering
		}
		rels = append(rels, rel)
	}
	slices.Sort(rels)
	c.Count = len(rels)
	p := filepath.Join(s.record(), CacheFile)
	if err := os.MkdirAll(s.record(), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(s.record(), ".tmp-cache-*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := gob.NewEncoder(bw)
	err = enc.Encode(c)
	for _, rel := range rels {
		if err != nil {
			break
		}
		st := s.topics[rel]
		err = enc.Encode(cachedFile{Rel: rel, Size: st.size, Mod: st.mod.UnixNano(), Topic: st.topic})
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	s.stale &^= staleCache
	return nil
}
