using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Tessera.Hashing;

/// <summary>
/// One <c>tessera hash-worker</c> child owned by one hashing thread (see <see cref="Argon2Worker"/> for why). It is
/// started on first use; a child that dies is replaced once per hash, and when none can be started the hash runs in
/// this process, so a login never fails because of the worker.
/// </summary>
internal sealed class Argon2WorkerProcess(ProcessStartInfo? start, Action<int>? started, Action<string>? trouble) : IDisposable
{
    Process? _process;
    bool _unavailable = start is null;

    /// <summary>The child's process id while it runs (0 otherwise), for the scheduling policy of its hashing thread.</summary>
    public int Pid { get; private set; }

    /// <summary>
    /// How to start a worker from this executable on Linux: the native binary itself, or the app host beside
    /// <c>tessera.dll</c> (<c>dotnet run</c>, tests); null when there is neither, and hashes stay in-process.
    /// </summary>
    public static ProcessStartInfo? DefaultStart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var path = RuntimeFeature.IsDynamicCodeSupported ? Path.Combine(AppContext.BaseDirectory, "tessera") : Environment.ProcessPath;
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        return new ProcessStartInfo(path, [Argon2Worker.Command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
    }

    public byte[] Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int passes, int keyLength)
    {
        for (var attempt = 0; attempt < 2 && !_unavailable; attempt++)
        {
            if (EnsureStarted() is not { } process)
            {
                break;
            }

            byte[]? key;
            string? reason;
            try
            {
                Argon2Worker.WriteRequest(process.StandardInput.BaseStream, password, salt, memoryKiB, passes, keyLength);
                process.StandardInput.BaseStream.Flush();
                key = Argon2Worker.ReadAnswer(process.StandardOutput.BaseStream, out reason);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
            {
                trouble?.Invoke("the hash worker stopped during a hash (" + e.Message + "); starting another");
                Stop();
                continue;
            }

            return key ?? throw new CryptographicException("argon2id failed in the hash worker: " + reason);
        }

        return Argon2Worker.DeriveInProcess(password, salt, memoryKiB, passes, keyLength);
    }

    Process? EnsureStarted()
    {
        if (_process is { HasExited: false } running)
        {
            return running;
        }

        Stop();
        try
        {
            _process = Process.Start(start!);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            _process = null;
        }

        if (_process is null)
        {
            _unavailable = true;
            trouble?.Invoke("the hash worker could not be started from " + start!.FileName + "; hashing in the server process");
            return null;
        }

        Pid = _process.Id;
        started?.Invoke(Pid);
        return _process;
    }

    void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _process = null;
        Pid = 0;
    }

    /// <summary>Closing the child's input ends it: it finishes the hash it may be running and exits.</summary>
    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _process = null;
        Pid = 0;
    }
}
