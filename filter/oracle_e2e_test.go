package filter_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var oracleAll = flag.Bool("oracle-all", false, "check every corpus and oracle case against Pigeonhole, not a handful")

// harnessGuard are the cases re-run against Pigeonhole on every test run:
// one of each kind the harness handles (stores with flags, redirect,
// vacation sent and suppressed, null sender through dovecot-lda, compile
// error, run-time error, reject, mailbox created before the execute run).
var harnessGuard = []string{
	"corpus/114-vacation-with-flags-and-redirect",
	"corpus/073-envelope-null-sender",
	"corpus/134-error-vacation-days-string",
	"oracle/244-core-reject-simple",
	"oracle/243-core-redirect-two-addresses",
	"oracle/396-error-unknown-command",
	"oracle/332-vacation-basic",
	"oracle/343-vacation-precedence-bulk",
	"oracle/385-vacation-twice",
	"oracle/391-null-vacation",
	"oracle/374-vacation-default-subject-cjk-long",
	"oracle/280-ext-imap4flags-two-fileinto-flags",
}

// oracleWork returns an empty directory that user nobody can use.
func oracleWork(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.Chmod(filepath.Dir(dir), 0o755))
	require.NoError(t, os.Chmod(dir, 0o777))
	return dir
}

// pigeonholeResult runs Pigeonhole on a case and normalises its output.
func pigeonholeResult(t *testing.T, p *pigeonhole, dir string) (oracleResult, string, error) {
	t.Helper()
	text, err := p.runPigeonhole(t.Context(), oracleWork(t), loadOracleCase(t, dir))
	require.NoError(t, err)
	res, err := normaliseTranscript(text)
	return res, text, err
}

// TestOraclePigeonhole checks that real Pigeonhole still gives the stored
// expected.json (a few cases; all of them with -oracle-all), or with
// -regen rewrites expected.json and pigeonhole.txt of every oracle case.
func TestOraclePigeonhole(t *testing.T) {
	t.Parallel()
	p := findPigeonhole(t)
	var dirs []string
	switch {
	case *regenOracle:
		dirs = caseDirs(t, "oracle")
	case *oracleAll:
		dirs = append(caseDirs(t, "corpus"), caseDirs(t, "oracle")...)
	default:
		dirs = guardDirs()
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			got, text, err := pigeonholeResult(t, p, dir)
			if *regenOracle {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "pigeonhole.txt"), []byte(text), 0o644))
				require.NoError(t, err, "cannot normalise %s/pigeonhole.txt", dir)
				writeExpected(t, dir, got)
				return
			}
			require.NoError(t, err, text)
			assert.Equal(t, readExpected(t, dir).String(), got.String(), text)
		})
	}
}

// guardDirs returns the folders of harnessGuard.
func guardDirs() []string {
	out := make([]string, len(harnessGuard))
	for i, g := range harnessGuard {
		out[i] = filepath.Join("testdata", g)
	}
	return out
}

// writeExpected writes expected.json formatted like the corpus' files.
func writeExpected(t *testing.T, dir string, res oracleResult) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(res))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "expected.json"), b.Bytes(), 0o644))
}
