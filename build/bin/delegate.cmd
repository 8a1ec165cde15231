@echo off
rem delegate - the command-line tool of the installed Delegate app (Windows).
rem Runs the app's own Delegate.exe with the CLI marker (electron/core/launcher/cli-launch.ts), so no Node is
rem needed and the run-as-Node fuse stays off. Installed as resources\bin\delegate.cmd in the install folder;
rem the installer puts that folder on the user's PATH (build/installer.nsh). "--" ends Chromium's switch parsing.
rem A batch file waits even for a GUI program such as Delegate.exe, so its exit code is passed on below.
rem No parenthesised block: an install folder such as "Program Files (x86)" would end it early.
setlocal
if exist "%~dp0..\..\Delegate.exe" goto run
echo delegate: the Delegate app was not found next to this launcher, in "%~dp0..\..". 1>&2
echo   What to do: reinstall Delegate. 1>&2
exit /b 1
:run
"%~dp0..\..\Delegate.exe" --delegate-cli -- %*
exit /b %ERRORLEVEL%
