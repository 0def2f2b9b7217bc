
use builtin;
use str;

set edit:completion:arg-completer[twprofile] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'twprofile'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'twprofile'= {
            cand --name 'Display name, at most 50 characters'
            cand --url 'Website, at most 100 characters; "" clears it'
            cand --location 'Location, at most 30 characters'
            cand --description 'Bio, at most 160 characters'
            cand --description-file 'Read the bio from a file ("-" for stdin); one trailing newline is dropped'
            cand --include-entities 'Send include_entities=true or false'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --skip-status 'Send skip_status=true: leave the latest post out of the answer'
            cand --if-changed 'Read the profile first; send only the fields that differ, and nothing when none do'
            cand --dry-run 'Print the signed request (credentials masked) instead of sending it'
            cand --template 'Field values are templates, rendered after one read of the profile (user, now, env, file …); implies --if-changed'
            cand --json 'Print the API''s user object as JSON on stdout, and nothing else'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand apply 'Make the profile what profile files say, sending only what differs'
            cand export 'Write the current profile as a profile file'
            cand accounts 'List the accounts in the config file, or set the default'
            cand image 'Set the profile picture (GIF, JPEG or PNG under 700 KB)'
            cand banner 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)'
            cand auth 'Log in, or check the credentials in use'
            cand completions 'Print a shell completion script on stdout'
            cand man 'Print the man page (roff) on stdout'
            cand show 'Show the current profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;apply'= {
            cand --root 'Let the files name paths anywhere under DIR, not only under their own directory'
            cand -j 'Apply up to N files at once over one connection pool; output stays in file order'
            cand --jobs 'Apply up to N files at once over one connection pool; output stays in file order'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --check 'Change nothing: print the plan and exit 8 when the profile differs, 0 when in sync'
            cand --plan 'Change nothing: print the plan and exit 0 whether or not the profile differs (for review)'
            cand --markdown 'Print the plan as a Markdown table (for a pull-request comment or a job summary)'
            cand --dry-run 'Read the profile and print the plan and the signed requests, sending no change'
            cand --force-images 'Upload the picture and banner the files name even when the record says they are there'
            cand --json 'Print one JSON object a line per file: the plan, ok, whether anything changed, and any error'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;export'= {
            cand -o 'Write to FILE instead of stdout'
            cand --output 'Write to FILE instead of stdout'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the profile file''s fields as one JSON object instead of TOML'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;accounts'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the accounts and the default as JSON on stdout (after a change too)'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand default 'Make NAME the account used when none is named; without NAME, print the default'
            cand rename 'Rename an account, keeping its comments (a default that named it is unset)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;accounts;default'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the accounts and the default as JSON on stdout (after a change too)'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;accounts;rename'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the accounts and the default as JSON on stdout (after a change too)'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;accounts;help'= {
            cand default 'Make NAME the account used when none is named; without NAME, print the default'
            cand rename 'Rename an account, keeping its comments (a default that named it is unset)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;accounts;help;default'= {
        }
        &'twprofile;accounts;help;rename'= {
        }
        &'twprofile;accounts;help;help'= {
        }
        &'twprofile;image'= {
            cand --include-entities 'Send include_entities=true or false'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --skip-status 'Send skip_status=true: leave the latest post out of the answer'
            cand --dry-run 'Print the signed request (credentials masked, image by size) instead of sending it'
            cand --json 'Print the user object the API returned as JSON on stdout'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;banner'= {
            cand --width 'Width of the part of the image to show, in pixels'
            cand --height 'Height of the part of the image to show, in pixels'
            cand --offset-left 'Left edge of the part to show, in pixels'
            cand --offset-top 'Top edge of the part to show, in pixels'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --remove 'Remove the banner instead of setting one'
            cand --dry-run 'Print the signed request (credentials masked, image by size) instead of sending it'
            cand --json 'Print the API''s answer as JSON on stdout (the banner endpoints often answer with none)'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;auth'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print JSON on stdout: what, each command''s help says'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Show which account and config file are in use, and check them with the API'
            cand logout 'Forget an account: remove it from the config file (-a, else the default)'
            cand login 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;auth;status'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --all 'Check every account in the config file, one line each'
            cand --json 'Print the account, config file, API base and user as JSON on stdout'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;auth;logout'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the removed account and the config file as JSON on stdout'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;auth;login'= {
            cand --access-token 'With --with-token: the user''s access token [default: $TWPROFILE_ACCESS_TOKEN]'
            cand --keyring 'Keep the secrets in the OS credential store, not the config file: the first that works of the macOS Keychain, Windows Credential Manager, the Secret Service, the kernel keyring (keyutils); =STORE picks one. An account already in a store stays there without it'
            cand --consumer-key 'The app''s API key [default: $TWPROFILE_CONSUMER_KEY, else a prompt]'
            cand --consumer-secret 'The app''s API key secret; visible to other users in process lists, so prefer $TWPROFILE_CONSUMER_SECRET or the prompt'
            cand -a 'The name to save the account under [default: the screen name]'
            cand --account 'The name to save the account under [default: the screen name]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --with-token 'Save the four values the developer portal shows instead of the PIN flow: keys from the flags or TWPROFILE_*, secrets from TWPROFILE_* or stdin (consumer secret, then access token secret, one a line)'
            cand --force 'Replace an account that was saved for another user'
            cand --no-keyring 'Keep the secrets in the config file, taking an account''s out of the credential store'
            cand --json 'Print the saved account (name, screen_name, user_id, config file) as JSON on stdout'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;auth;help'= {
            cand status 'Show which account and config file are in use, and check them with the API'
            cand logout 'Forget an account: remove it from the config file (-a, else the default)'
            cand login 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;auth;help;status'= {
        }
        &'twprofile;auth;help;logout'= {
        }
        &'twprofile;auth;help;login'= {
        }
        &'twprofile;auth;help;help'= {
        }
        &'twprofile;completions'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the API''s user object as JSON on stdout, and nothing else'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twprofile;man'= {
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the API''s user object as JSON on stdout, and nothing else'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twprofile;show'= {
            cand --field 'Print only this top-level key of the user object, one value a line (repeatable)'
            cand -a 'Account in the config file to act as [default: default_account, or the only one]'
            cand --account 'Account in the config file to act as [default: default_account, or the only one]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]'
            cand --color 'When to colour the output'
            cand --timeout 'Seconds each attempt may take, connecting and reading'
            cand --retries 'Retries after a server error, network failure or rate limit'
            cand --max-wait 'Longest rate-limit reset to wait for, in seconds'
            cand --json 'Print the user object as received (with --field, an object of those keys) on stdout'
            cand -v 'Report each request, status, rate limit, timing and retry on stderr'
            cand --verbose 'Report each request, status, rate limit, timing and retry on stderr'
            cand -q 'Print nothing on stdout on success'
            cand --quiet 'Print nothing on stdout on success'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twprofile;help'= {
            cand apply 'Make the profile what profile files say, sending only what differs'
            cand export 'Write the current profile as a profile file'
            cand accounts 'List the accounts in the config file, or set the default'
            cand image 'Set the profile picture (GIF, JPEG or PNG under 700 KB)'
            cand banner 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)'
            cand auth 'Log in, or check the credentials in use'
            cand completions 'Print a shell completion script on stdout'
            cand man 'Print the man page (roff) on stdout'
            cand show 'Show the current profile'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twprofile;help;apply'= {
        }
        &'twprofile;help;export'= {
        }
        &'twprofile;help;accounts'= {
            cand default 'Make NAME the account used when none is named; without NAME, print the default'
            cand rename 'Rename an account, keeping its comments (a default that named it is unset)'
        }
        &'twprofile;help;accounts;default'= {
        }
        &'twprofile;help;accounts;rename'= {
        }
        &'twprofile;help;image'= {
        }
        &'twprofile;help;banner'= {
        }
        &'twprofile;help;auth'= {
            cand status 'Show which account and config file are in use, and check them with the API'
            cand logout 'Forget an account: remove it from the config file (-a, else the default)'
            cand login 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)'
        }
        &'twprofile;help;auth;status'= {
        }
        &'twprofile;help;auth;logout'= {
        }
        &'twprofile;help;auth;login'= {
        }
        &'twprofile;help;completions'= {
        }
        &'twprofile;help;man'= {
        }
        &'twprofile;help;show'= {
        }
        &'twprofile;help;help'= {
        }
    ]
    $completions[$command]
}
