; build/installer.nsh - Delegate's additions to electron-builder's NSIS installer (nsis.include in
; electron-builder.yml): the `delegate` command on PATH.
;
; <install dir>\resources\bin holds delegate.cmd (build/bin/delegate.cmd), which runs Delegate.exe with the CLI
; marker. The installer adds that folder to the installing user's PATH (HKCU\Environment\Path) and the
; uninstaller takes it out again; new terminals then find `delegate`.
;
; Never lose the person's PATH:
; - it is read and written as stored (REG_EXPAND_SZ, so %USERPROFILE%\... entries stay unexpanded);
; - a PATH longer than this installer's strings (NSIS_MAX_STRLEN) reads as an error or would be cut: it is then
;   left alone and the installer's log says to add the folder by hand;
; - only an entry equal to the folder (case-insensitive, with or without a trailing \) is ever removed, and the
;   folder is added once however often the installer runs.
; The uninstaller of an update takes the entry out and the new installer puts it back, so an update moving the
; install folder leaves no stale entry.

!include "LogicLib.nsh"
!include "WinMessages.nsh"

!macro DELEGATE_PATH_FUNCTIONS UN
  ; Stack in: the folder, then the list on top. Stack out: the list without the folder.
  Function ${UN}DelegatePathWithout
    Exch $R0 ; list
    Exch
    Exch $R1 ; folder
    Push $R2
    Push $R3
    Push $R4
    Push $R5
    Push $R6
    StrCpy $R2 ""
    StrCpy $R3 $R0
    next_segment:
      StrCmp $R3 "" done
      StrCpy $R4 0
      find_separator:
        StrCpy $R5 $R3 1 $R4
        StrCmp $R5 "" cut
        StrCmp $R5 ";" cut
        IntOp $R4 $R4 + 1
        Goto find_separator
      cut:
        StrCpy $R6 $R3 $R4
        IntOp $R4 $R4 + 1
        StrCpy $R3 $R3 "" $R4
        ; StrCmp ignores case, as Windows paths do.
        StrCmp $R6 $R1 next_segment
        StrCmp $R6 "$R1\" next_segment
        StrCmp $R2 "" 0 append
        StrCpy $R2 $R6
        Goto next_segment
      append:
        StrCpy $R2 "$R2;$R6"
        Goto next_segment
    done:
    StrCpy $R0 $R2
    Pop $R6
    Pop $R5
    Pop $R4
    Pop $R3
    Pop $R2
    Pop $R1
    Exch $R0
  FunctionEnd

!macroend

; electron-builder compiles with warnings as errors: each build defines only the functions it calls.
!ifdef BUILD_UNINSTALLER
  !insertmacro DELEGATE_PATH_FUNCTIONS "un."

  ; Stack in: the folder. Removes it from the user's PATH; leaves a PATH it cannot read whole alone.
  Function un.DelegateRemoveFromUserPath
    Exch $R0 ; folder
    Push $R1
    Push $R2
    ClearErrors
    ReadRegStr $R1 HKCU "Environment" "Path"
    ${If} ${Errors}
      Goto remove_done
    ${EndIf}
    StrLen $R2 $R1
    IntOp $R2 $R2 + 1
    ${If} $R2 >= ${NSIS_MAX_STRLEN}
      DetailPrint "Delegate: your PATH is too long for the uninstaller to change safely. Remove $R0 from it yourself."
      Goto remove_done
    ${EndIf}
    Push $R0
    Push $R1
    Call un.DelegatePathWithout
    Pop $R2
    StrCmp $R2 $R1 remove_done
    ${If} $R2 == ""
      DeleteRegValue HKCU "Environment" "Path"
    ${Else}
      WriteRegExpandStr HKCU "Environment" "Path" $R2
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    remove_done:
    Pop $R2
    Pop $R1
    Pop $R0
  FunctionEnd
!else
  !insertmacro DELEGATE_PATH_FUNCTIONS ""

  ; Stack out: "1" when HKCU\Environment has a value named Path (of any type or length), else "0".
  Function DelegateUserPathExists
    Push $R0
    Push $R1
    StrCpy $R0 0
    look:
      EnumRegValue $R1 HKCU "Environment" $R0
      StrCmp $R1 "" absent
      StrCmp $R1 "Path" present
      IntOp $R0 $R0 + 1
      Goto look
    present:
      StrCpy $R0 1
      Goto found
    absent:
      StrCpy $R0 0
    found:
    Pop $R1
    Exch $R0
  FunctionEnd

  ; Stack in: the folder. Adds it to the user's PATH (once), unless that PATH cannot be read whole.
  Function DelegateAddToUserPath
    Exch $R0 ; folder
    Push $R1
    Push $R2
    Push $R3
    ClearErrors
    ReadRegStr $R1 HKCU "Environment" "Path"
    ${If} ${Errors}
      Call DelegateUserPathExists
      Pop $R2
      ${If} $R2 == "1"
        DetailPrint "Delegate: your PATH could not be read whole, so it was left as it is. Add $R0 to it yourself to use the delegate command."
        Goto add_done
      ${EndIf}
      StrCpy $R1 ""
    ${EndIf}
    StrLen $R2 $R1
    StrLen $R3 $R0
    IntOp $R2 $R2 + $R3
    IntOp $R2 $R2 + 2
    ${If} $R2 >= ${NSIS_MAX_STRLEN}
      DetailPrint "Delegate: your PATH is too long for the installer to change safely, so it was left as it is. Add $R0 to it yourself to use the delegate command."
      Goto add_done
    ${EndIf}
    Push $R0
    Push $R1
    Call DelegatePathWithout
    Pop $R2
    ${If} $R2 == ""
      StrCpy $R2 $R0
    ${Else}
      StrCpy $R2 "$R2;$R0"
    ${EndIf}
    WriteRegExpandStr HKCU "Environment" "Path" $R2
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    DetailPrint "Delegate: added $R0 to your PATH (new terminals find the delegate command)."
    add_done:
    Pop $R3
    Pop $R2
    Pop $R1
    Pop $R0
  FunctionEnd

!endif

!macro customInstall
  Push "$INSTDIR\resources\bin"
  Call DelegateAddToUserPath
!macroend

!macro customUnInstall
  Push "$INSTDIR\resources\bin"
  Call un.DelegateRemoveFromUserPath
!macroend
