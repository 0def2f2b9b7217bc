
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'twprofile' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'twprofile'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'twprofile' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name, at most 50 characters')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Website, at most 100 characters; "" clears it')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Location, at most 30 characters')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Bio, at most 160 characters')
            [CompletionResult]::new('--description-file', '--description-file', [CompletionResultType]::ParameterName, 'Read the bio from a file ("-" for stdin); one trailing newline is dropped')
            [CompletionResult]::new('--include-entities', '--include-entities', [CompletionResultType]::ParameterName, 'Send include_entities=true or false')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--skip-status', '--skip-status', [CompletionResultType]::ParameterName, 'Send skip_status=true: leave the latest post out of the answer')
            [CompletionResult]::new('--if-changed', '--if-changed', [CompletionResultType]::ParameterName, 'Read the profile first; send only the fields that differ, and nothing when none do')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (credentials masked) instead of sending it')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Field values are templates, rendered after one read of the profile (user, now, env, file …); implies --if-changed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s user object as JSON on stdout, and nothing else')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the profile what profile files say, sending only what differs')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the current profile as a profile file')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'List the accounts in the config file, or set the default')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Set the profile picture (GIF, JPEG or PNG under 700 KB)')
            [CompletionResult]::new('banner', 'banner', [CompletionResultType]::ParameterValue, 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, or check the credentials in use')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) on stdout')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the current profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;apply' {
            [CompletionResult]::new('--root', '--root', [CompletionResultType]::ParameterName, 'Let the files name paths anywhere under DIR, not only under their own directory')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Apply up to N files at once over one connection pool; output stays in file order')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Apply up to N files at once over one connection pool; output stays in file order')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Change nothing: print the plan and exit 8 when the profile differs, 0 when in sync')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Change nothing: print the plan and exit 0 whether or not the profile differs (for review)')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Print the plan as a Markdown table (for a pull-request comment or a job summary)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Read the profile and print the plan and the signed requests, sending no change')
            [CompletionResult]::new('--force-images', '--force-images', [CompletionResultType]::ParameterName, 'Upload the picture and banner the files name even when the record says they are there')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object a line per file: the plan, ok, whether anything changed, and any error')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the profile file''s fields as one JSON object instead of TOML')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;accounts' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the accounts and the default as JSON on stdout (after a change too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make NAME the account used when none is named; without NAME, print the default')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account, keeping its comments (a default that named it is unset)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;accounts;default' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the accounts and the default as JSON on stdout (after a change too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;accounts;rename' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the accounts and the default as JSON on stdout (after a change too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;accounts;help' {
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make NAME the account used when none is named; without NAME, print the default')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account, keeping its comments (a default that named it is unset)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;accounts;help;default' {
            break
        }
        'twprofile;accounts;help;rename' {
            break
        }
        'twprofile;accounts;help;help' {
            break
        }
        'twprofile;image' {
            [CompletionResult]::new('--include-entities', '--include-entities', [CompletionResultType]::ParameterName, 'Send include_entities=true or false')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--skip-status', '--skip-status', [CompletionResultType]::ParameterName, 'Send skip_status=true: leave the latest post out of the answer')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (credentials masked, image by size) instead of sending it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the user object the API returned as JSON on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;banner' {
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width of the part of the image to show, in pixels')
            [CompletionResult]::new('--height', '--height', [CompletionResultType]::ParameterName, 'Height of the part of the image to show, in pixels')
            [CompletionResult]::new('--offset-left', '--offset-left', [CompletionResultType]::ParameterName, 'Left edge of the part to show, in pixels')
            [CompletionResult]::new('--offset-top', '--offset-top', [CompletionResultType]::ParameterName, 'Top edge of the part to show, in pixels')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove the banner instead of setting one')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the signed request (credentials masked, image by size) instead of sending it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s answer as JSON on stdout (the banner endpoints often answer with none)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;auth' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout: what, each command''s help says')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which account and config file are in use, and check them with the API')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget an account: remove it from the config file (-a, else the default)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;auth;status' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every account in the config file, one line each')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the account, config file, API base and user as JSON on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;auth;logout' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the removed account and the config file as JSON on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;auth;login' {
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'With --with-token: the user''s access token [default: $TWPROFILE_ACCESS_TOKEN]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'Keep the secrets in the OS credential store, not the config file: the first that works of the macOS Keychain, Windows Credential Manager, the Secret Service, the kernel keyring (keyutils); =STORE picks one. An account already in a store stays there without it')
            [CompletionResult]::new('--consumer-key', '--consumer-key', [CompletionResultType]::ParameterName, 'The app''s API key [default: $TWPROFILE_CONSUMER_KEY, else a prompt]')
            [CompletionResult]::new('--consumer-secret', '--consumer-secret', [CompletionResultType]::ParameterName, 'The app''s API key secret; visible to other users in process lists, so prefer $TWPROFILE_CONSUMER_SECRET or the prompt')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The name to save the account under [default: the screen name]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The name to save the account under [default: the screen name]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Save the four values the developer portal shows instead of the PIN flow: keys from the flags or TWPROFILE_*, secrets from TWPROFILE_* or stdin (consumer secret, then access token secret, one a line)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an account that was saved for another user')
            [CompletionResult]::new('--no-keyring', '--no-keyring', [CompletionResultType]::ParameterName, 'Keep the secrets in the config file, taking an account''s out of the credential store')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the saved account (name, screen_name, user_id, config file) as JSON on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which account and config file are in use, and check them with the API')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget an account: remove it from the config file (-a, else the default)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;auth;help;status' {
            break
        }
        'twprofile;auth;help;logout' {
            break
        }
        'twprofile;auth;help;login' {
            break
        }
        'twprofile;auth;help;help' {
            break
        }
        'twprofile;completions' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s user object as JSON on stdout, and nothing else')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twprofile;man' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s user object as JSON on stdout, and nothing else')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twprofile;show' {
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Print only this top-level key of the user object, one value a line (repeatable)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account in the config file to act as [default: default_account, or the only one]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each attempt may take, connecting and reading')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a server error, network failure or rate limit')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest rate-limit reset to wait for, in seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the user object as received (with --field, an object of those keys) on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Report each request, status, rate limit, timing and retry on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout on success')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twprofile;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make the profile what profile files say, sending only what differs')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the current profile as a profile file')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'List the accounts in the config file, or set the default')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Set the profile picture (GIF, JPEG or PNG under 700 KB)')
            [CompletionResult]::new('banner', 'banner', [CompletionResultType]::ParameterValue, 'Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, or check the credentials in use')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff) on stdout')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the current profile')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twprofile;help;apply' {
            break
        }
        'twprofile;help;export' {
            break
        }
        'twprofile;help;accounts' {
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make NAME the account used when none is named; without NAME, print the default')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an account, keeping its comments (a default that named it is unset)')
            break
        }
        'twprofile;help;accounts;default' {
            break
        }
        'twprofile;help;accounts;rename' {
            break
        }
        'twprofile;help;image' {
            break
        }
        'twprofile;help;banner' {
            break
        }
        'twprofile;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which account and config file are in use, and check them with the API')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget an account: remove it from the config file (-a, else the default)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Add an account: authorize it with a PIN, or save the portal''s tokens (--with-token)')
            break
        }
        'twprofile;help;auth;status' {
            break
        }
        'twprofile;help;auth;logout' {
            break
        }
        'twprofile;help;auth;login' {
            break
        }
        'twprofile;help;completions' {
            break
        }
        'twprofile;help;man' {
            break
        }
        'twprofile;help;show' {
            break
        }
        'twprofile;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
