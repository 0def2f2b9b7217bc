# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_twprofile_global_optspecs
    string join \n name= url= location= description= description-file= skip-status include-entities= if-changed dry-run template a/account= config= json color= v/verbose q/quiet timeout= retries= max-wait= h/help V/version
end

function __fish_twprofile_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_twprofile_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_twprofile_using_subcommand
    set -l cmd (__fish_twprofile_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c twprofile -n "__fish_twprofile_needs_command" -l name -d 'Display name, at most 50 characters' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l url -d 'Website, at most 100 characters; "" clears it' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l location -d 'Location, at most 30 characters' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l description -d 'Bio, at most 160 characters' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l description-file -d 'Read the bio from a file ("-" for stdin); one trailing newline is dropped' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l include-entities -d 'Send include_entities=true or false' -r -f -a "true\t''
false\t''"
complete -c twprofile -n "__fish_twprofile_needs_command" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_needs_command" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_needs_command" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_needs_command" -l skip-status -d 'Send skip_status=true: leave the latest post out of the answer'
complete -c twprofile -n "__fish_twprofile_needs_command" -l if-changed -d 'Read the profile first; send only the fields that differ, and nothing when none do'
complete -c twprofile -n "__fish_twprofile_needs_command" -l dry-run -d 'Print the signed request (credentials masked) instead of sending it'
complete -c twprofile -n "__fish_twprofile_needs_command" -l template -d 'Field values are templates, rendered after one read of the profile (user, now, env, file …); implies --if-changed'
complete -c twprofile -n "__fish_twprofile_needs_command" -l json -d 'Print the API\'s user object as JSON on stdout, and nothing else'
complete -c twprofile -n "__fish_twprofile_needs_command" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_needs_command" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_needs_command" -s V -l version -d 'Print version'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "apply" -d 'Make the profile what profile files say, sending only what differs'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "export" -d 'Write the current profile as a profile file'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "accounts" -d 'List the accounts in the config file, or set the default'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "image" -d 'Set the profile picture (GIF, JPEG or PNG under 700 KB)'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "banner" -d 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "auth" -d 'Log in, or check the credentials in use'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "man" -d 'Print the man page (roff) on stdout'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "show" -d 'Show the current profile'
complete -c twprofile -n "__fish_twprofile_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l root -d 'Let the files name paths anywhere under DIR, not only under their own directory' -r -f -a "(__fish_complete_directories)"
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l check -d 'Change nothing: print the plan and exit 8 when the profile differs, 0 when in sync'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l plan -d 'Change nothing: print the plan and exit 0 whether or not the profile differs (for review)'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l markdown -d 'Print the plan as a Markdown table (for a pull-request comment or a job summary)'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l dry-run -d 'Read the profile and print the plan and the signed requests, sending no change'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l force-images -d 'Upload the picture and banner the files name even when the record says they are there'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -l json -d 'Print one JSON object a line per file: the plan, ok, whether anything changed, and any error'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -s o -l output -d 'Write to FILE instead of stdout' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -l json -d 'Print the profile file\'s fields as one JSON object instead of TOML'
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -l json -d 'Print the accounts and the default as JSON on stdout (after a change too)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -f -a "default" -d 'Make NAME the account used when none is named; without NAME, print the default'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -f -a "rename" -d 'Rename an account, keeping its comments (a default that named it is unset)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and not __fish_seen_subcommand_from default rename help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -l json -d 'Print the accounts and the default as JSON on stdout (after a change too)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -l json -d 'Print the accounts and the default as JSON on stdout (after a change too)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make NAME the account used when none is named; without NAME, print the default'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an account, keeping its comments (a default that named it is unset)'
complete -c twprofile -n "__fish_twprofile_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l include-entities -d 'Send include_entities=true or false' -r -f -a "true\t''
false\t''"
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l skip-status -d 'Send skip_status=true: leave the latest post out of the answer'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l dry-run -d 'Print the signed request (credentials masked, image by size) instead of sending it'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -l json -d 'Print the user object the API returned as JSON on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand image" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l width -d 'Width of the part of the image to show, in pixels' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l height -d 'Height of the part of the image to show, in pixels' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l offset-left -d 'Left edge of the part to show, in pixels' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l offset-top -d 'Top edge of the part to show, in pixels' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l remove -d 'Remove the banner instead of setting one'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l dry-run -d 'Print the signed request (credentials masked, image by size) instead of sending it'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -l json -d 'Print the API\'s answer as JSON on stdout (the banner endpoints often answer with none)'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand banner" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -l json -d 'Print JSON on stdout: what, each command\'s help says'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -f -a "status" -d 'Show which account and config file are in use, and check them with the API'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -f -a "logout" -d 'Forget an account: remove it from the config file (-a, else the default)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -f -a "login" -d 'Add an account: authorize it with a PIN, or save the portal\'s tokens (--with-token)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and not __fish_seen_subcommand_from status logout login help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l all -d 'Check every account in the config file, one line each'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print the account, config file, API base and user as JSON on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print the removed account and the config file as JSON on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l access-token -d 'With --with-token: the user\'s access token [default: $TWPROFILE_ACCESS_TOKEN]' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l consumer-key -d 'The app\'s API key [default: $TWPROFILE_CONSUMER_KEY, else a prompt]' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l consumer-secret -d 'The app\'s API key secret; visible to other users in process lists, so prefer $TWPROFILE_CONSUMER_SECRET or the prompt' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -s a -l account -d 'The name to save the account under [default: the screen name]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Save the four values the developer portal shows instead of the PIN flow: keys from the flags or TWPROFILE_*, secrets from TWPROFILE_* or stdin (consumer secret, then access token secret, one a line)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l force -d 'Replace an account that was saved for another user'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Print the saved account (name, screen_name, user_id, config file) as JSON on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show which account and config file are in use, and check them with the API'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Forget an account: remove it from the config file (-a, else the default)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Add an account: authorize it with a PIN, or save the portal\'s tokens (--with-token)'
complete -c twprofile -n "__fish_twprofile_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -l json -d 'Print the API\'s user object as JSON on stdout, and nothing else'
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand completions" -s h -l help -d 'Print help'
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -l json -d 'Print the API\'s user object as JSON on stdout, and nothing else'
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand man" -s h -l help -d 'Print help'
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l field -d 'Print only this top-level key of the user object, one value a line (repeatable)' -r -f -a "name\t''
screen_name\t''
description\t''
url\t''
location\t''
followers_count\t''
friends_count\t''
listed_count\t''
statuses_count\t''
favourites_count\t''
created_at\t''
id_str\t''
protected\t''
verified\t''
profile_image_url_https\t''
profile_banner_url\t''"
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -s a -l account -d 'Account in the config file to act as [default: default_account, or the only one]' -r -f
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]' -r -F
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l color -d 'When to colour the output' -r -f -a "auto\t'When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise (CLICOLOR_FORCE forces it)'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l timeout -d 'Seconds each attempt may take, connecting and reading' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l retries -d 'Retries after a server error, network failure or rate limit' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l max-wait -d 'Longest rate-limit reset to wait for, in seconds' -r
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -l json -d 'Print the user object as received (with --field, an object of those keys) on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -s v -l verbose -d 'Report each request, status, rate limit, timing and retry on stderr'
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -s q -l quiet -d 'Print nothing on stdout on success'
complete -c twprofile -n "__fish_twprofile_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "apply" -d 'Make the profile what profile files say, sending only what differs'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "export" -d 'Write the current profile as a profile file'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "accounts" -d 'List the accounts in the config file, or set the default'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "image" -d 'Set the profile picture (GIF, JPEG or PNG under 700 KB)'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "banner" -d 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "auth" -d 'Log in, or check the credentials in use'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "man" -d 'Print the man page (roff) on stdout'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "show" -d 'Show the current profile'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and not __fish_seen_subcommand_from apply export accounts image banner auth completions man show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "default" -d 'Make NAME the account used when none is named; without NAME, print the default'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "rename" -d 'Rename an account, keeping its comments (a default that named it is unset)'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show which account and config file are in use, and check them with the API'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Forget an account: remove it from the config file (-a, else the default)'
complete -c twprofile -n "__fish_twprofile_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Add an account: authorize it with a PIN, or save the portal\'s tokens (--with-token)'
