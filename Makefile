# The insurance glossary. `make build` publishes content/ into public/;
# `make test` runs every test (browser tests need Debian's chromium).
GO ?= go
GEN := $(GO) run ./generator

.PHONY: build check serve new translate test race bench fuzz clean

build:
	$(GEN) build

check:
	$(GEN) check

serve:
	$(GEN) serve $(ARGS)

new:
	@test -n "$(TITLE)" || { echo 'usage: make new TITLE="Topic Title"'; exit 2; }
	$(GEN) new "$(TITLE)"

# SLUG and TO, not LANG: make imports LANG from the environment.
translate:
	@test -n "$(SLUG)" -a -n "$(TO)" || { echo 'usage: make translate SLUG=deductible TO=fr'; exit 2; }
	$(GEN) translate -to "$(TO)" "$(SLUG)"

# The audits run last and alone: Lighthouse times the page's main thread,
# which other test binaries running beside it would slow down.
test:
	gofmt -l generator | (! grep .) || { echo "gofmt needed on the files above"; exit 1; }
	$(GO) vet ./...
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/internal/audit$$')
	$(GO) test -race -count=1 ./generator/internal/audit/

# With SEARCH_BENCH=1, bench also compares search with Pagefind 1.6.0 on
# 10,000 topics (several minutes); without it that test says it skipped.
bench:
	$(GO) test -run '^$$' -bench 'Load|Index|Render|Build|Rebuild|Edit|Exports' -benchtime 3x -benchmem -timeout 60m ./generator/internal/pipeline/
	$(GO) test -run '^$$' -bench Process -benchtime 1x -timeout 60m ./generator/internal/pipeline/
	SEARCH_BENCH=$(SEARCH_BENCH) $(GO) test -run '^TestSearchBench$$' -count=1 -v -timeout 60m ./generator/internal/audit/

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 20s ./generator/internal/content/
	$(GO) test -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime 20s ./generator/internal/glossary/
	$(GO) test -run '^$$' -fuzz '^FuzzQuote$$' -fuzztime 20s ./generator/internal/export/

clean:
	rm -rf public .glossary
