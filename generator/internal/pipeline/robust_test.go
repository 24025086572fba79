package pipeline

import (
	"strings"
	"testing"
)

// Problems with the folders themselves are reported like any other, and
// nothing is written.
func TestMissingFolders(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(Config) Config
		want string
	}{
		{"templates", func(c Config) Config { c.Templates = "no-templates"; return c },
			"no-templates:1:1: templates folder: no such file or directory"},
		{"content", func(c Config) Config { c.Content = "no-content"; return c },
			"no-content:1:1: content folder: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unpackSite(t, "basic")
			cfg := tt.cfg(testConfig)
			_, err := build(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if left := leftovers(t); len(left) > 0 {
				t.Errorf("the failed build left %q", left)
			}
		})
	}
}
