package glossary

import "testing"

func TestRelativePath(t *testing.T) {
	tests := []struct{ dir, rel, want string }{
		{".", "a.md", "a.md"},
		{"sub", "a.md", "../a.md"},
		{"sub", "sub/b.md", "b.md"},
		{"x/y", "x/z/c.md", "../z/c.md"},
		{"x/y", "q/c.md", "../../q/c.md"},
	}
	for _, tt := range tests {
		if got := relativePath(tt.dir, tt.rel); got != tt.want {
			t.Errorf("relativePath(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.want)
		}
	}
}
