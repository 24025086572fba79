package content

import "testing"

func TestKeyOnLine(t *testing.T) {
	tests := []struct {
		line, syntax, key string
		ok                bool
	}{
		{"title: x", "yaml", "title", true},
		{"title : x", "yaml", "title", true},
		{`"title": x`, "yaml", "title", true},
		{"  nested: x", "yaml", "", false},
		{"- item", "yaml", "", false},
		{"base_url: http://x", "yaml", "base_url", true},
		{"title = 'x'", "toml", "title", true},
		{"  tags = []", "toml", "tags", true},
		{"[table]", "toml", "", false},
		{`  "title": "x",`, "json", "title", true},
		{`{"title": "x"`, "json", "title", true},
		{`  title: x`, "json", "", false},
	}
	for _, tt := range tests {
		key, ok := keyOnLine(tt.line, tt.syntax)
		if key != tt.key || ok != tt.ok {
			t.Errorf("keyOnLine(%q, %s) = %q, %v; want %q, %v", tt.line, tt.syntax, key, ok, tt.key, tt.ok)
		}
	}
}
