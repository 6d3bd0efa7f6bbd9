#!/usr/bin/env bash
# Shell completion: `review completion bash|zsh` is generated from the verb table
# (every verb of --help is completed, with its options and its --format values);
# the bash one completes `review sh<Tab>` to `show`, options, values and exercise
# ids; the zsh one loads (zsh -n and compinit) and completes a real Tab in zsh.
set -u
source "$(dirname "$0")/lib.sh"
cat_dir=$FIXTURES_DIR/class
mkdir -p "$T/bin"
ln -s "$REVIEW_BIN" "$T/bin/review"
export PATH="$T/bin:$PATH"
cd "$T" || exit 1 # no ./exercises here, and an empty REVIEW_PATH: ids come from --exercises only
mkdir -p "$T/empty"
export REVIEW_PATH=$T/empty

run 0 completion bash
cp "$T/out" "$T/review.bash"
run 0 completion zsh
cp "$T/out" "$T/_review"
run 2 completion
err_has "which shell? bash or zsh"
run 2 completion fish
err_has "shells are bash and zsh, not 'fish'"
run 0 completion --help
out_has "usage: review completion bash|zsh"
run 0 --help
out_has "completion"

# bash: complete with COMP_WORDS as readline would set them.
complete_bash() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _review
		printf "%s\n" "${COMPREPLY[@]}"' _ "$T/review.bash" "$@" | sort | tr '\n' ' '
}
expect_completion() { # EXPECTED WORDS...
	local want=$1 got
	shift
	got=$(complete_bash "$@")
	[ "$got" = "$want" ] || fail "completing '$*': got '$got', expected '$want'"
}
bash -n "$T/review.bash" || fail "the bash script does not parse"
expect_completion "show " review sh
expect_completion "export " review exp
expect_completion "--format " review show --fo
expect_completion "--save " review grade --sa
expect_completion "github json junit tap text " review check --format ""
expect_completion "csv " review report --format c
expect_completion "always auto " review --color a
expect_completion "grade " review help gr
expect_completion "bash zsh " review completion ""
expect_completion "cls1 " review --exercises "$cat_dir" show c
expect_completion "cls1 " review --exercises="$cat_dir" grade ""
expect_completion "--learner " review export --le
# every verb of the table is offered after `review`
for verb in $("$REVIEW_BIN" --help | sed -n '/^Verbs:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
	case " $(complete_bash review "") " in *" $verb "*) ;; *) fail "verb $verb is not completed" ;; esac
done

# zsh: install it when missing; skip (with a note) when that is impossible.
if ! command -v zsh >/dev/null; then
	apt-get install -y zsh >/dev/null 2>&1 || sudo -n apt-get install -y zsh >/dev/null 2>&1
fi
if command -v zsh >/dev/null; then
	zsh -n "$T/_review" || fail "the zsh script does not parse"
	zsh -f -c "autoload -Uz compinit && compinit -u -d '$T/zcompdump' && source '$T/_review' &&
		[[ \${_comps[review]} == _review ]]" || fail "the zsh script does not load under compinit"
	cat >"$T/tab.zsh" <<EOF
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z "PS1='> '; autoload -Uz compinit; compinit -u -d '$T/zcompdump2'; source '$T/_review'"
zpty -w -n z \$'review sh\t'
zpty -r z out '*review show*' && print -r -- "completed to show"
zpty -d z
EOF
	got=$(timeout 60 zsh -f "$T/tab.zsh" 2>&1 | tail -1)
	[ "$got" = "completed to show" ] || fail "zsh did not complete 'review sh<Tab>': $got"
	# As installed: autoloaded from a folder of $fpath, as share/zsh/site-functions is.
	mkdir -p "$T/site-functions"
	cp "$T/_review" "$T/site-functions/_review"
	cat >"$T/fpath.zsh" <<EOF
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z "PS1='> '; fpath=('$T/site-functions' \\\$fpath); autoload -Uz compinit; compinit -u -d '$T/zcompdump3'"
zpty -w -n z \$'review grade --fo\t'
zpty -r z out '*--format*' && print -r -- "completed --format"
zpty -d z
EOF
	got=$(timeout 60 zsh -f "$T/fpath.zsh" 2>&1 | tail -1)
	[ "$got" = "completed --format" ] || fail "zsh (autoloaded) did not complete 'review grade --fo<Tab>': $got"
else
	echo "note: zsh is not installed and cannot be; the zsh completion was not loaded"
fi
finish
