; Inno Setup script: the Windows installer of Tamin Desk (میز خدمت تأمین).
; A Persian, right-to-left setup wizard for 64-bit Windows 10 or later (Qt 6 supports nothing
; older), with a start-menu shortcut and a desktop shortcut.
;
; Needs Inno Setup 6.3 or later (for the x64compatible architecture identifier), and the
; PyInstaller bundle built first on the same Windows machine (README "Install"):
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" installer\tamin_desk.iss
; Output: dist\installer\tamin-desk-setup-<version>.exe
;
; Persian wizard texts: Inno Setup has no official Persian translation; the community one is
; "Persian.isl" on the unofficial translations page (https://jrsoftware.org/files/istrans/,
; kept in the Inno Setup sources as Files/Languages/Unofficial/Persian.isl). Save it beside
; this script as installer\Persian.isl before compiling (it is not committed: take the one
; matching your Inno Setup). It is read after Default.isl, so a message the translation lacks
; shows in English instead of failing the build. It does not set RightToLeft: see [LangOptions].
;
; This script cannot be compiled on the Linux build machine; it was written against the
; Inno Setup 6 documentation and must be tried on Windows before a release.

#define AppName "Tamin Desk"
#define AppNameFa "میز خدمت تأمین"
#define AppExe "tamin-desk.exe"
#define CliExe "tamin-desk-cli.exe"
#define Bundle AddBackslash(SourcePath) + "..\dist\tamin-desk"
; One source for the version: desktop/__init__.py -> the .exe version resource (spec) -> here.
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error dist\tamin-desk\tamin-desk.exe is missing or has no version: build the bundle first
#endif
#if !FileExists(AddBackslash(SourcePath) + "Persian.isl")
  #error installer\Persian.isl is missing: download it as the comment at the top says
#endif

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{B12542FB-4040-401E-B27B-01182665B16E}
AppName={#AppNameFa}
AppVersion={#AppVersion}
AppVerName={#AppNameFa} {#AppVersion}
AppPublisher=سازمان تأمین اجتماعی
VersionInfoProductName={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameFa}
DisableProgramGroupPage=yes
; Branch PCs install for all users (Program Files, admin); a technician without admin rights
; may choose a per-user install in the dialog. Per-user data goes to %LOCALAPPDATA% either way.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\dist\installer
OutputBaseFilename=tamin-desk-setup-{#AppVersion}
SetupIconFile={#SourcePath}..\build\pyinstaller\tamin_desk\tamin-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppNameFa}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running desk is closed (its form is never half-saved: the wizard keeps no state on disk).
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
Name: "persian"; MessagesFile: "compiler:Default.isl,{#SourcePath}Persian.isl"

[LangOptions]
; A right-to-left wizard (mirrored layout), which the community Persian.isl leaves off.
RightToLeft=yes

[CustomMessages]
persian.DoctorShortcut=بررسی نصب {#AppNameFa}
persian.AppComment=ثبت‌نام در پرتال خدمات غیرحضوری سازمان تأمین اجتماعی و بازیابی رمز عبور

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle: tamin-desk.exe (windowed), tamin-desk-cli.exe (console),
; settings.example.toml and _internal\ (Python, Qt, forms, fonts, catalogs, migrations).
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle whole: files a newer build no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppNameFa}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppNameFa}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon
; For the technician: a console that runs the installation check and stays open.
Name: "{autoprograms}\{cm:DoctorShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" doctor"; WorkingDir: "{app}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameFa}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: each user's data in %LOCALAPPDATA%\tamin-desk (simulator database,
; offline queue that may hold registrations not yet sent, settings.toml) is kept on purpose.
