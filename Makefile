# The insurance glossary. `make build` publishes content/ into public/;
# `make test` runs every test (browser tests need Debian's chromium).
GO ?= go
GEN := $(GO) run ./generator

.PHONY: build check serve new test race bench fuzz clean

build:
	$(GEN) build

check:
	$(GEN) check

serve:
	$(GEN) serve $(ARGS)

new:
	@test -n "$(TITLE)" || { echo 'usage: make new TITLE="Topic Title"'; exit 2; }
	$(GEN) new "$(TITLE)"

# The audits run last and alone: Lighthouse times the page's main thread,
# which other test binaries running beside it would slow down.
test:
	gofmt -l generator | (! grep .) || { echo "gofmt needed on the files above"; exit 1; }
	$(GO) vet ./...
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/internal/audit$$')
	$(GO) test -race -count=1 ./generator/internal/audit/

bench:
	$(GO) test -run '^$$' -bench 'Load|Index|Render|Build|Rebuild|Edit|Exports' -benchtime 3x -benchmem -timeout 60m ./generator/internal/build/
	$(GO) test -run '^$$' -bench Process -benchtime 1x -timeout 60m ./generator/internal/build/

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 20s ./generator/internal/content/
	$(GO) test -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime 20s ./generator/internal/glossary/

clean:
	rm -rf public .glossary
