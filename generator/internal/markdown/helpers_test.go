package markdown

import "github.com/yuin/goldmark/ast"

func childrenOf(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

func setDestinations(n ast.Node, dest string) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := c.(*WikiLink); ok && entering {
			w.Destination = dest
		}
		return ast.WalkContinue, nil
	})
}
