-- 整理番号 is no longer kept in clear: a member is found by person_index, the keyed HMAC of the number
-- under the fiscal year's index key (like ticket_index); the number itself stays inside the sealed record.
-- Destroying the year's key then leaves only ciphertext and keyed hashes in heap pages, indexes and WAL.
--
-- Rows with a clear person number cannot be converted here: their index needs the year's key (outside the
-- database) and their sealed records are bound to the clear number. A database that holds members is refused;
-- delete its years (or start from an empty database) and import the members again.
do $$
begin
    if exists (select 1 from member) then
        raise exception 'V20: member に平文の整理番号を持つ行があります。この移行は変換しません。年度を削除するか空のデータベースで被保険者を取り込み直してください (member holds rows with clear person numbers; not converted)';
    end if;
end $$;

alter table member drop constraint member_person_per_year;
alter table member drop column person_no;
alter table member add column person_index bytea not null;
alter table member add constraint member_person_per_year unique (fiscal_year, person_index) deferrable initially immediate;
